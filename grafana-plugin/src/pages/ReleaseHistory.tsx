import { Text } from '@grafana/ui';
import { appClient } from '../api/appClient';
import { testIds } from '../constants';
import { Loaded } from './Loaded';
import { useLoad } from './useLoad';

/** A release's version history and audit trail: who did what, when and why. */
export function ReleaseHistory({ releaseId, round }: { releaseId: string; round: number }) {
  const detail = useLoad(() => appClient.release(releaseId), `${releaseId}/${round}`);
  return (
    <Loaded load={detail} what="the release history">
      {(release) => (
        <div data-testid={testIds.releases.history}>
          <Text element="h3" variant="h4">
            History of {release.id.slice(0, 8)}
          </Text>
          <table className="filter-table">
            <tbody>
              {release.events.map((event) => (
                <tr key={event.id}>
                  <td>{new Date(event.at).toLocaleString()}</td>
                  <td>
                    {event.action}
                    {event.outcome === 'done' ? '' : ` (${event.outcome})`}
                  </td>
                  <td>{event.percent}%</td>
                  <td>{event.actor}</td>
                  <td>{event.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Loaded>
  );
}
