import {
  API_CSP,
  contentSecurityPolicy,
  DOCS_CSP,
  isApiPath,
  isDataPath,
  isDocsPath,
  PAGE_CSP,
} from './security-headers';

describe(contentSecurityPolicy.name, () => {
  it.each<[string, string]>([
    ['/', PAGE_CSP],
    ['/index.html', PAGE_CSP],
    ['/js/app.js?v=1', PAGE_CSP],
    ['/apidocs', PAGE_CSP],
    ['/api/docs', DOCS_CSP],
    ['/api/docs/', DOCS_CSP],
    ['/api/docs/swagger-ui-init.js', DOCS_CSP],
    ['/api/docs-json', API_CSP],
    ['/api/settings', API_CSP],
    ['/api/chat-sessions/1/stream?x=1', API_CSP],
  ])('%s gets the right policy', (url, expected) => {
    expect(contentSecurityPolicy(url)).toBe(expected);
  });

  it('lets no inline script run anywhere, and only Swagger UI inline styles', () => {
    for (const policy of [PAGE_CSP, DOCS_CSP, API_CSP]) expect(policy).not.toMatch(/script-src[^;]*unsafe/);
    expect(PAGE_CSP).not.toContain('unsafe-inline');
    expect(API_CSP).toMatch(/default-src 'none'/);
  });
});

describe('path classes', () => {
  it('tells API paths from the page', () => {
    expect(isApiPath('/api')).toBe(true);
    expect(isApiPath('/api/health')).toBe(true);
    expect(isApiPath('/apix')).toBe(false);
    expect(isDocsPath('/api/docs')).toBe(true);
    expect(isDocsPath('/api/docs-json')).toBe(false);
    expect(isDataPath('/metrics')).toBe(true);
    expect(isDataPath('/api/docs')).toBe(false);
    expect(isDataPath('/metricsx')).toBe(false);
    expect(contentSecurityPolicy('/metrics?x=1')).toBe(API_CSP);
  });
});
