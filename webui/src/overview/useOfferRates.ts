import { useEffect, useState } from 'react';

/** Offers made and accepted in each of the last 60 seconds, oldest first. */
export interface OfferRates {
  created: number[];
  accepted: number[];
}

const SECONDS = 60;

interface Second {
  epochSecond: number;
  roles: Record<string, { created: number; accepted: number }>;
}

/**
 * Follows the master's per-second offer counts (`.../events/offer-rates`): offers are too many
 * to follow one by one, so the master counts them and sends one event a second.
 */
export function useOfferRates(stream: string | undefined): OfferRates {
  const [rates, setRates] = useState<OfferRates>({
    created: new Array<number>(SECONDS).fill(0),
    accepted: new Array<number>(SECONDS).fill(0),
  });
  useEffect(() => {
    if (!stream) return;
    const source = new EventSource(stream, { withCredentials: true });
    source.addEventListener('offer.rates', (message: MessageEvent<string>) => {
      const second = JSON.parse(message.data) as Second;
      const counts = Object.values(second.roles);
      const created = counts.reduce((sum, role) => sum + role.created, 0);
      const accepted = counts.reduce((sum, role) => sum + role.accepted, 0);
      setRates((before) => ({
        created: [...before.created.slice(1), created],
        accepted: [...before.accepted.slice(1), accepted],
      }));
    });
    return () => source.close();
  }, [stream]);
  return rates;
}
