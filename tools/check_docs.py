"""Open every page of the built docs site in headless Chromium and fail on what a reader would trip over.

    python tools/check_docs.py [--site _site] [--screenshot DIR]

The site is served on 127.0.0.1 (a free port) and opened with Debian's `chromium` through Playwright
(the system browser: never `playwright install`). A page fails on: a console error or uncaught exception,
a local request that fails or answers >= 400, a link to a local page that does not exist, a missing or
empty <title>, or an ipywidgets view (html-manager's view <script>) that did not render into a visible
widget. Pages listed in `EXPECT` must also show what their saved widget state holds: the tutorial needs
a rendered widget view, the dashboard's progress bar and the dashboard's plot image (so a page whose widget
state was lost fails). Requests to other hosts are blocked (the site must work offline) and only counted.
Prints one line per page, then `pages: N ok, N failed`; exits 1 on any failure.
"""
import argparse, functools, sys, threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

CHROMIUM = '/usr/bin/chromium'
ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--no-first-run', '--disable-quic']
VIEWS = 'script[type="application/vnd.jupyter.widget-view+json"]'
# For each widget view: did html-manager put a `.widget-subarea` before it, holding something visible?
RENDERED = """sel => [...document.querySelectorAll(sel)].filter(s => {
  const a = s.previousElementSibling;
  if (!a || !a.classList.contains('widget-subarea')) return false;
  return [...a.querySelectorAll('*')].some(e => {
    const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; });
}).length"""
# What some pages must show once their widgets render, as (what, CSS selector of a visible element).
# html-manager renders each view into a `.widget-subarea`; the dashboard (`icm.viz.ICMDashboard`) is a
# VBox holding an IntProgress (`.widget-hprogress`, its track `.progress`) and an HTML widget whose
# content is the plot as an <img> with a PNG data URL.
EXPECT = {
    'tutorials/end_to_end.html': [
        ('a rendered widget view', '.widget-subarea > .widget-container'),
        ("the dashboard's progress bar", '.widget-subarea > .widget-vbox .widget-hprogress .progress'),
        ("the dashboard's plot image", '.widget-subarea > .widget-vbox .widget-html img[src^="data:image/png"]'),
    ],
}
# How many elements match a selector and are visible (an <img> must also have decoded).
VISIBLE = """sel => [...document.querySelectorAll(sel)].filter(e => {
  const r = e.getBoundingClientRect();
  return r.width > 0 && r.height > 0 && (e.tagName !== 'IMG' || (e.complete && e.naturalWidth > 0));
}).length"""


class Quiet(SimpleHTTPRequestHandler):
    "A static file handler that does not log every request."
    def log_message(self, *args): pass


def serve(site: Path) -> ThreadingHTTPServer:  # A running server; its port is `server_address[1]`
    "Serve `site` on 127.0.0.1, on a free port, from a daemon thread."
    srv = ThreadingHTTPServer(('127.0.0.1', 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv


def exists(site: Path, path: str) -> bool:  # Whether a local link's path is a page of the site
    "A link to `x.html` needs that file; a link to a folder needs its `index.html`."
    f = site/unquote(path).lstrip('/')
    return f.is_file() or (f/'index.html').is_file()


def check_page(ctx, base: str, site: Path, rel: str, shots: Path | None) -> tuple[list[str], set[str]]:
    "Open one page; return its problems and the other hosts it asked for (blocked)."
    problems, blocked, bad = [], set(), set()  # bad: local URLs reported once (a 404 also fails the request)
    local = lambda url: url.startswith(base)
    def fail(url, why):
        if local(url) and url not in bad: bad.add(url), problems.append(f'{why}: {url[len(base):]}')
    def route(r):
        url = r.request.url
        if local(url) or url.startswith('data:'): return r.continue_()
        blocked.add(urlsplit(url).hostname)
        r.abort()
    page = ctx.new_page()
    page.on('console', lambda m: m.type == 'error' and not m.text.startswith('Failed to load resource')
            and problems.append(f'console error: {m.text[:200]}'))  # failed loads: reported per request
    page.on('pageerror', lambda e: problems.append(f'uncaught exception: {str(e)[:200]}'))
    page.on('response', lambda r: r.status >= 400 and fail(r.url, f'HTTP {r.status}'))
    page.on('requestfailed', lambda r: fail(r.url, f'request failed ({r.failure})'))
    page.route('**/*', route)
    try:
        page.goto(base + rel, wait_until='load')
        page.wait_for_load_state('networkidle', timeout=5000)
        if not page.title().strip(): problems.append('no <title> or an empty one')
        if n := page.locator(VIEWS).count():
            try: page.wait_for_function(f'({RENDERED})({VIEWS!r}) >= {n}', timeout=15000)
            except Exception: problems.append(f'widgets: {page.evaluate(RENDERED, VIEWS)} of {n} rendered')
        for what, sel in EXPECT.get(rel, []):
            try: page.wait_for_function(f'({VISIBLE})({sel!r}) > 0', timeout=5000 if n else 1)
            except Exception: problems.append(f'missing: {what} ({sel})')
        for href in set(page.eval_on_selector_all('a[href]', 'as => as.map(a => a.href)')):
            path = urlsplit(href).path
            if local(href) and path.endswith(('.html', '/')) and not exists(site, path):
                problems.append(f'broken link: {path}')
        if shots:
            shots.mkdir(parents=True, exist_ok=True)
            png = shots/(rel.replace('/', '__').removesuffix('.html') + '.png')
            page.screenshot(path=str(png), full_page=True)
    except Exception as e: problems.append(f'{type(e).__name__}: {str(e).splitlines()[0][:200]}')
    finally: page.close()
    return problems, blocked


def main(site: Path, shots: Path | None = None) -> int:  # The exit code
    "Check every .html page under `site`."
    from playwright.sync_api import sync_playwright
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob('*.html')
                   if 'site_libs' not in p.relative_to(site).parts)
    if not pages:
        print(f'no pages in {site}: run `python tools/build_docs.py` first')
        return 1
    srv = serve(site)
    base = f'http://127.0.0.1:{srv.server_address[1]}/'
    failed = 0
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            ctx = browser.new_context(viewport={'width': 1280, 'height': 900})
            for rel in pages:
                problems, blocked = check_page(ctx, base, site, rel, shots)
                failed += bool(problems)
                note = f" (blocked, offline: {', '.join(sorted(blocked))})" if blocked else ''
                print(f"{'FAIL' if problems else 'ok  '} {rel}{note}")
                for p in problems: print(f'    {p}')
            browser.close()
    finally: srv.shutdown()
    print(f'pages: {len(pages) - failed} ok, {failed} failed')
    return int(failed > 0)


if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--site', type=Path, default=Path(__file__).resolve().parents[1]/'_site',
                   help='the built site (default: _site)')
    p.add_argument('--screenshot', type=Path, metavar='DIR', help='save a full-page PNG of each page into DIR')
    a = p.parse_args()
    sys.exit(main(a.site.resolve(), a.screenshot))
