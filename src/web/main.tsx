/** The web app shell: hash routes (#/catalog, #/training, #/compare, #/plan, #/compliance), language, token. */
import { render } from 'preact';
import { useContext, useEffect, useLayoutEffect, useMemo, useState } from 'preact/hooks';
import { getToken, prefetch, setToken } from './api';
import { I18nContext, initialLang, type Key, type Lang, makeI18n } from './i18n';
import type { CatalogPage } from './pages/catalog';
import type { ComparePage } from './pages/compare';
import type { CompliancePage } from './pages/compliance';
import type { PlanPage } from './pages/plan';
import type { TrainingPage } from './pages/training';

const ROUTES = ['catalog', 'training', 'compare', 'plan', 'compliance'] as const;
type Route = (typeof ROUTES)[number];

/** `#/catalog/<id>?ids=a,b`: the page, one item within it (a catalog detail), and the query. */
function currentRoute(): { route: Route; item: string | null; query: URLSearchParams } {
  const [path = '', query = ''] = location.hash.replace(/^#\/?/, '').split('?');
  const [head = '', ...rest] = path.split('/');
  const route = (ROUTES as readonly string[]).includes(head) ? (head as Route) : 'catalog';
  const item = rest.length ? decodeURIComponent(rest.join('/')) : null;
  return { route, item, query: new URLSearchParams(query) };
}

/**
 * Each page is its own chunk, fetched when first shown: the first visit downloads the shell and one
 * page, not the engine, the planner and the charts of the others.
 */
interface Pages {
  catalog: typeof CatalogPage;
  training: typeof TrainingPage;
  compare: typeof ComparePage;
  plan: typeof PlanPage;
  compliance: typeof CompliancePage;
}
const LOADERS: { [R in Route]: () => Promise<Pages[R]> } = {
  catalog: () => import('./pages/catalog').then((m) => m.CatalogPage),
  training: () => import('./pages/training').then((m) => m.TrainingPage),
  compare: () => import('./pages/compare').then((m) => m.ComparePage),
  plan: () => import('./pages/plan').then((m) => m.PlanPage),
  compliance: () => import('./pages/compliance').then((m) => m.CompliancePage),
};
const loaded: Partial<Pages> = {};
const loading: Partial<Record<Route, Promise<void>>> = {};

/** One download per page at a time; a failed one is tried again on the next visit. */
function loadPage(route: Route): Promise<void> {
  loading[route] ??= LOADERS[route]().then(
    (page) => {
      (loaded as Record<Route, unknown>)[route] = page;
    },
    (e: unknown) => {
      delete loading[route];
      throw e;
    },
  );
  return loading[route];
}

function usePage<R extends Route>(route: R): Pages[R] | null {
  const [, setTick] = useState(0);
  const page = (loaded[route] as Pages[R] | undefined) ?? null;
  // a layout effect: waiting for it is subscribed before the first paint, not a frame later (an effect
  // runs after paint), so a page whose chunk is already here (preloaded) is drawn at once
  useLayoutEffect(() => {
    // rendered without it: draw again once it is here (it may have come between the render and now)
    if (!page) void loadPage(route).then(() => setTick((n) => n + 1));
  }, [route, page]);
  return page;
}

// The page a cold load opens starts downloading now, with the catalog's rows when it is the catalog
// (the default page), side by side: not one after the other behind the first render and its effects.
// index.html also names the catalog chunk as a modulepreload (vite.config.ts), so it is on its way
// before this module runs.
const first = currentRoute().route;
if (first === 'catalog') prefetch('/api/catalog');
loadPage(first).catch(() => undefined); // a failure shows when the page asks again

function App() {
  const [lang, setLang] = useState<Lang>(initialLang);
  const [where, setWhere] = useState(currentRoute);
  const [token, setTokenState] = useState(getToken);
  const i18n = useMemo(() => makeI18n(lang), [lang]);
  useEffect(() => {
    const onHash = () => setWhere(currentRoute());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => {
    localStorage.setItem('chipmix.lang', lang);
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);
  const { t } = i18n;
  return (
    <I18nContext.Provider value={i18n}>
      <header>
        <h1>{t('app.title')}</h1>
        <span class="tagline">{t('app.tagline')}</span>
        <nav>
          {ROUTES.map((r) => (
            <a key={r} href={`#/${r}`} class={where.route === r ? 'active' : ''} data-testid={`nav-${r}`}>
              {t(`nav.${r}` as Key)}
            </a>
          ))}
        </nav>
        <div class="right">
          <input
            type="password"
            placeholder={t('token.label')}
            value={token}
            aria-label={t('token.label')}
            onChange={(e) => {
              const value = (e.target as HTMLInputElement).value.trim();
              setToken(value);
              setTokenState(value);
            }}
          />
          <button
            type="button"
            data-testid="lang-switch"
            onClick={() => setLang(lang === 'en' ? 'zh' : 'en')}
          >
            {t('lang.switch')}
          </button>
        </div>
      </header>
      <main key={`${token}`}>
        <Page route={where.route} query={where.query} item={where.item} />
      </main>
    </I18nContext.Provider>
  );
}

function Page(props: { route: Route; query: URLSearchParams; item: string | null }) {
  const { t } = useContext(I18nContext);
  const page = usePage(props.route);
  if (!page) return <p class="muted">{t('common.loading')}</p>;
  const Catalog = loaded.catalog;
  const Training = loaded.training;
  const Compare = loaded.compare;
  const Plan = loaded.plan;
  const Compliance = loaded.compliance;
  if (props.route === 'catalog' && Catalog) return <Catalog query={props.query} detailId={props.item} />;
  if (props.route === 'training' && Training) return <Training />;
  if (props.route === 'compare' && Compare) return <Compare query={props.query} />;
  if (props.route === 'plan' && Plan) return <Plan />;
  if (props.route === 'compliance' && Compliance) return <Compliance />;
  return null;
}

render(<App />, document.getElementById('app')!);
