// /engagements/new (company): pick an expert from the directory, name the engagement, choose which of the
// expert's modules to install and the rate; the request starts pending until the expert answers.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, type Expert, idempotencyKey, ok } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import { useMessages } from '../../i18n/define';
import { useList } from '../../live/use-list';
import { useResource } from '../../live/use-resource';
import { Loading, ProblemBanner } from '../../ui/feedback';
import { controlProps, Field, SubmitButton, useAction } from '../../ui/form';
import { formatMoneyInput, parseMoney } from '../../ui/format';
import { PageHead } from '../../ui/page';
import './engagements.css';
import { ExpertPicker } from './expert-picker';
import { engagementPage, engagementWords, requestTexts } from './messages';
import { expertById } from './names';
import { bind, CURRENCIES } from './shared';

export function NewEngagementPage() {
  const m = useMessages(requestTexts);
  const page = useMessages(engagementPage);
  const words = useMessages(engagementWords);
  const location = useLocation();
  const wanted = location.query.expert;
  // The directory is searched by the API (name, headline, skills), a moment after typing stops.
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(search.trim()), 250);
    return () => clearTimeout(timer);
  }, [search]);
  const experts = useList(
    (cursor) =>
      ok(api.GET('/v1/experts', { params: { query: { cursor, limit: 100, ...(q ? { q } : {}) } } })),
    [q],
  );
  // While a new search loads, the last results stay on screen (and the search box keeps its focus).
  const lastItems = useRef<Expert[]>([]);
  if (experts.items) lastItems.current = experts.items;
  const [chosen, setChosen] = useState<Expert | null>(null);
  // An expert named in ?expert= is offered even when the directory's first page does not include them.
  const preselected = useResource(() => (wanted ? expertById(wanted) : Promise.resolve(null)), [wanted]);
  const [expertId, setExpertId] = useState(wanted ?? '');
  const [title, setTitle] = useState('');
  const [modules, setModules] = useState<string[]>([]);
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState('eur');
  const [interval, setRateInterval] = useState<'month' | 'week'>('month');
  const key = useRef<string | null>(null);

  const options = useMemo(() => {
    // Experts offering modules first: only they can be engaged for any work.
    const loaded = [...(experts.items ?? lastItems.current)].sort(
      (a, b) => Number(b.modules.length > 0) - Number(a.modules.length > 0),
    );
    // The chosen expert stays in view whatever the search shows.
    const extra = chosen ?? preselected.data;
    return extra && !loaded.some((e) => e.id === extra.id) ? [extra, ...loaded] : loaded;
  }, [experts.items, preselected.data, chosen]);
  const expert = options.find((e) => e.id === expertId);

  // The expert named in ?expert= arrives chosen, with their modules and rate filled in.
  useEffect(() => {
    if (preselected.data && expertId === preselected.data.id) choose(preselected.data);
  }, [preselected.data]);

  const choose = (chosen: Expert) => {
    setChosen(chosen);
    setExpertId(chosen.id);
    setModules(chosen.modules);
    setAmount(formatMoneyInput(chosen.rate.amount, chosen.rate.currency));
    setCurrency(chosen.rate.currency);
    setRateInterval(chosen.rate.interval);
  };

  // An example amount in the reader's own number style ("4.500,00" in German).
  const example = formatMoneyInput(450000, currency);
  const submit = useAction(async () => {
    // What can be told without asking the API is told at once, all fields together.
    const minor = parseMoney(amount, currency);
    const errors = [
      !expertId && { path: 'expert_id', message: m.chooseExpert },
      !title.trim() && { path: 'title', message: m.nameIt },
      modules.length === 0 && { path: 'modules', message: m.chooseModule },
      minor === null && { path: 'rate.amount', message: m.enterAmount(example) },
    ].filter((e) => e !== false);
    if (errors.length > 0 || minor === null) {
      throw new ApiProblem(422, m.checkFields, '', errors);
    }
    key.current ??= idempotencyKey();
    const created = await ok(
      api.POST('/v1/engagements', {
        body: { expert_id: expertId, title, modules, rate: { amount: minor, currency, interval } },
        headers: { 'Idempotency-Key': key.current },
      }),
    );
    key.current = null;
    location.route(`/engagements/${created.id}`);
  });
  const problem = submit.problem;

  return (
    <section class="page">
      <p class="back">
        <a href="/engagements">{page.back}</a>
      </p>
      <PageHead title={m.title} />
      <ProblemBanner problem={problem} />
      <form
        class="card"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit.run();
        }}
      >
        <ProblemBanner problem={experts.error} onRetry={() => void experts.reload()} />
        {experts.loading && !experts.items && lastItems.current.length === 0 && !q ? (
          <Loading label={m.loadingExperts} />
        ) : (
          <ExpertPicker
            experts={options}
            selected={expertId}
            onSelect={choose}
            problem={problem}
            search={search}
            onSearch={setSearch}
            searching={experts.loading}
            hasMore={experts.hasMore}
            loadingMore={experts.loading}
            onMore={() => void experts.more()}
          />
        )}
        <Field label={m.titleLabel} name="title" problem={problem} hint={m.titleHint}>
          <input
            {...controlProps('title', problem)}
            required
            maxLength={200}
            value={title}
            onInput={(e) => setTitle(e.currentTarget.value)}
          />
        </Field>
        <fieldset aria-describedby={problem?.fieldError('modules') ? 'modules-error' : undefined}>
          <legend>{m.modules}</legend>
          {!expert ? (
            <p class="hint">{m.expertFirst}</p>
          ) : expert.modules.length === 0 ? (
            <p class="hint">{m.noModules(expert.name)}</p>
          ) : (
            <div class="checks-row">
              {expert.modules.map((code) => (
                <label key={code}>
                  <input
                    type="checkbox"
                    name="modules"
                    value={code}
                    checked={modules.includes(code)}
                    onChange={(e) =>
                      setModules((now) =>
                        e.currentTarget.checked ? [...now, code] : now.filter((x) => x !== code),
                      )
                    }
                  />
                  {words.moduleName(code)}
                </label>
              ))}
            </div>
          )}
          <ModulesError problem={problem} />
        </fieldset>
        <div class="cols-3">
          <Field label={m.rate} name="rate-amount" paths={['rate.amount', 'rate']} problem={problem}>
            <input
              {...bind('rate-amount', 'rate.amount', problem)}
              inputMode="decimal"
              placeholder={example}
              value={amount}
              onInput={(e) => setAmount(e.currentTarget.value)}
            />
          </Field>
          <Field label={m.currency} name="rate-currency" paths={['rate.currency']} problem={problem}>
            <select
              {...bind('rate-currency', 'rate.currency', problem)}
              value={currency}
              onChange={(e) => setCurrency(e.currentTarget.value)}
            >
              {CURRENCIES.map((c) => (
                <option key={c} value={c}>
                  {c.toUpperCase()}
                </option>
              ))}
            </select>
          </Field>
          <Field label={m.per} name="rate-interval" paths={['rate.interval']} problem={problem}>
            <select
              {...bind('rate-interval', 'rate.interval', problem)}
              value={interval}
              onChange={(e) => setRateInterval(e.currentTarget.value as 'month' | 'week')}
            >
              <option value="month">{words.interval('month')}</option>
              <option value="week">{words.interval('week')}</option>
            </select>
          </Field>
        </div>
        <div class="row">
          <SubmitButton busy={submit.busy}>{m.send}</SubmitButton>
          <span class="hint">{m.sendHint}</span>
        </div>
      </form>
    </section>
  );
}

function ModulesError({ problem }: { problem: ApiProblem | undefined }) {
  const message =
    problem?.fieldError('modules') ?? problem?.errors.find((e) => e.path.startsWith('modules.'))?.message;
  if (!message) return null;
  return (
    <small class="field-error" id="modules-error" role="alert">
      {message}
    </small>
  );
}
