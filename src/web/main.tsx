/** The web app shell: hash routes (#/catalog, #/training, #/plan, #/compliance), language, token. */
import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { getToken, setToken } from './api';
import { I18nContext, initialLang, type Key, type Lang, makeI18n } from './i18n';
import { CatalogPage } from './pages/catalog';
import { CompliancePage } from './pages/compliance';
import { PlanPage } from './pages/plan';
import { TrainingPage } from './pages/training';

const ROUTES = ['catalog', 'training', 'plan', 'compliance'] as const;
type Route = (typeof ROUTES)[number];

/** `#/catalog/<id>?ids=a,b`: the page, one item within it (a catalog detail), and the query. */
function currentRoute(): { route: Route; item: string | null; query: URLSearchParams } {
  const [path = '', query = ''] = location.hash.replace(/^#\/?/, '').split('?');
  const [head = '', ...rest] = path.split('/');
  const route = (ROUTES as readonly string[]).includes(head) ? (head as Route) : 'catalog';
  const item = rest.length ? decodeURIComponent(rest.join('/')) : null;
  return { route, item, query: new URLSearchParams(query) };
}

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
        {where.route === 'catalog' && <CatalogPage query={where.query} detailId={where.item} />}
        {where.route === 'training' && <TrainingPage />}
        {where.route === 'plan' && <PlanPage />}
        {where.route === 'compliance' && <CompliancePage />}
      </main>
    </I18nContext.Provider>
  );
}

render(<App />, document.getElementById('app')!);
