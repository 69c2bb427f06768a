import { amount, type ClusterSample } from '../api/cluster';

const WIDTH = 300;
const HEIGHT = 90;
const HOUR = 60 * 60 * 1000;

/**
 * One resource's capacity (line) and allocation (filled) over the last hour, drawn as SVG: a
 * few dozen lines of our own instead of a charting library, and cheap to redraw.
 */
export function CapacityChart({
  samples,
  name,
  label,
  unit,
  now,
}: {
  samples: ClusterSample[];
  name: string;
  label: string;
  unit: string;
  now: number;
}) {
  const points = samples
    .map((sample) => ({
      t: Date.parse(sample.time),
      capacity: sample.capacity[name] ?? 0,
      allocated: sample.allocated[name] ?? 0,
    }))
    .filter((point) => point.t >= now - HOUR);
  const top = Math.max(1, ...points.map((point) => point.capacity));
  const x = (t: number) => ((t - (now - HOUR)) / HOUR) * WIDTH;
  const y = (value: number) => HEIGHT - (value / top) * (HEIGHT - 4);
  const line = (value: (point: (typeof points)[number]) => number) =>
    points.map((point) => `${x(point.t).toFixed(1)},${y(value(point)).toFixed(1)}`).join(' ');

  const latest = points[points.length - 1];
  const share =
    latest && latest.capacity > 0 ? Math.round((100 * latest.allocated) / latest.capacity) : 0;
  const summary = latest
    ? `${amount(latest.allocated, unit)} of ${amount(latest.capacity, unit)} allocated (${share}%)`
    : 'no agents';

  return (
    <figure className="atrium-chart" data-testid={`chart-${name}`}>
      <figcaption>
        <strong>{label}</strong> <span data-testid={`chart-${name}-summary`}>{summary}</span>
      </figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={`${label} over the last hour: ${summary}`}
      >
        {points.length > 1 && (
          <>
            <polygon
              className="atrium-chart-allocated"
              points={`${x(points[0].t).toFixed(1)},${HEIGHT} ${line((p) => p.allocated)} ${x(latest.t).toFixed(1)},${HEIGHT}`}
            />
            <polyline className="atrium-chart-capacity" points={line((p) => p.capacity)} />
          </>
        )}
      </svg>
      <div className="atrium-chart-axis" aria-hidden="true">
        <span>1 h ago</span>
        <span>now</span>
      </div>
    </figure>
  );
}
