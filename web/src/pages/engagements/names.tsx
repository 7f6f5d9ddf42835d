// Names for ids the lists carry (an engagement names its expert by id, a payment its engagement): one cached
// request per id for the whole session, shared by every row that shows it.
import { api, type Engagement, type Expert, ok } from '../../api/client';
import { useResource } from '../../live/use-resource';

const experts = new Map<string, Promise<Expert>>();
const engagements = new Map<string, Promise<Engagement>>();

function cached<T>(cache: Map<string, Promise<T>>, id: string, load: () => Promise<T>): Promise<T> {
  let found = cache.get(id);
  if (!found) {
    found = load();
    cache.set(id, found);
    found.catch(() => cache.delete(id)); // a failed lookup is tried again next time
  }
  return found;
}

export const expertById = (id: string) =>
  cached(experts, id, () => ok(api.GET('/v1/experts/{id}', { params: { path: { id } } })));

export const engagementById = (id: string) =>
  cached(engagements, id, () => ok(api.GET('/v1/engagements/{id}', { params: { path: { id } } })));

export function EngagementLink({ id }: { id: string }) {
  const engagement = useResource(() => engagementById(id), [id]);
  return <a href={`/engagements/${id}`}>{engagement.data?.title ?? (engagement.loading ? '…' : id)}</a>;
}

/** The other side of an engagement for this reader: the expert for a company, the company for an expert. */
export function OtherParty({ engagement, role }: { engagement: Engagement; role: string }) {
  if (role === 'company') return <span title={engagement.expert_id}>{engagement.expert_name}</span>;
  const company = <span title={engagement.org_id}>{engagement.org_name}</span>;
  if (role === 'expert') return company;
  return (
    <>
      {company} · <span title={engagement.expert_id}>{engagement.expert_name}</span>
    </>
  );
}
