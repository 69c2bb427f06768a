import { FormHelperText, HelperText, HelperTextItem } from '@patternfly/react-core';

/**
 * The line under a form field: the error for it when there is one (from the browser's own
 * check or the master's refusal), else the help. `id` is what the input's aria-describedby
 * names; the error carries `data-testid="error-{field}"`.
 */
export function FieldHelp({
  id,
  field,
  error,
  help,
}: {
  id: string;
  field: string;
  error?: string;
  help?: string;
}) {
  return (
    <FormHelperText>
      <HelperText id={id}>
        {error ? (
          <HelperTextItem variant="error" data-testid={`error-${field}`}>
            {error}
          </HelperTextItem>
        ) : (
          help && <HelperTextItem>{help}</HelperTextItem>
        )}
      </HelperText>
    </FormHelperText>
  );
}
