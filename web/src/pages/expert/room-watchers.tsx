// One room connection per engagement, without markup: useRoom is a hook per engagement, so each gets a
// component. Task events are reported by task id; each room's connection state goes to the indicator.
import { useEffect } from 'preact/hooks';
import { inFamily, type LiveState, useRoom } from '../../live/room';

interface Props {
  engagementIds: string[];
  onTaskEvent: (taskId: string) => void;
  onState: (engagementId: string, state: LiveState) => void;
  onSynced: () => void;
}

export function RoomWatchers({ engagementIds, ...handlers }: Props) {
  return (
    <>
      {engagementIds.map((id) => (
        <RoomWatcher key={id} engagementId={id} {...handlers} />
      ))}
    </>
  );
}

function RoomWatcher({
  engagementId,
  onTaskEvent,
  onState,
  onSynced,
}: Omit<Props, 'engagementIds'> & {
  engagementId: string;
}) {
  const { state } = useRoom(
    engagementId,
    (event) => {
      if (inFamily(event, 'task.')) onTaskEvent(event.data.task_id);
    },
    onSynced,
  );
  useEffect(() => onState(engagementId, state), [engagementId, state]);
  return null;
}
