"""Build the docs site into `_site/` without Quarto: nbdev processes the notebooks, smalldocs renders them.

    python tools/build_docs.py            # needs `npm ci --prefix tools` once, for the widget and maths JS

1. nbdev's own steps of `nbdev_docs`, minus Quarto: `nbdev_sidebar` writes nbs/sidebar.yml and `proc_nbs`
   runs nbdev's notebook processors (show_doc, hidden cells, front matter) into `_proc/`.
2. A scratch copy of `_proc/` where each ipywidgets output (`application/vnd.jupyter.widget-view+json`)
   becomes the `<script>` tag that `@jupyter-widgets/html-manager` renders (smalldocs shows only its text).
3. smalldocs renders the copy into `_site/`, each page at its front matter's `output-file` as Quarto does
   (nbdev sets it: `00_data.ipynb` -> `data.html`, `tutorials/x.ipynb` -> `tutorials/x.html`).
4. Small fixes to the HTML: pages with widgets get their saved widget state and the html-manager bundle;
   KaTeX is served from `site_libs/katex` instead of a CDN (both from tools/node_modules, via npm); nbdev's
   links to the published site (`site-url` in nbs/nbdev.yml) become relative, so they stay on this site.
"""
import argparse, json, os, re, shutil, sys, tempfile
from pathlib import Path, PurePosixPath

TOOLS = Path(__file__).resolve().parent
ROOT = TOOLS.parent
NODE = TOOLS/'node_modules'
VIEW, STATE = 'application/vnd.jupyter.widget-view+json', 'application/vnd.jupyter.widget-state+json'


def process_notebooks(root: Path) -> Path:  # The folder of processed notebooks, `_proc/`
    "Run nbdev's notebook processing (what `nbdev_docs` does before it calls Quarto), never Quarto itself."
    from nbdev.config import get_config
    from nbdev.quarto import nbdev_sidebar
    from nbdev.serve import proc_nbs
    os.chdir(root)  # nbdev reads pyproject.toml from the working directory, here and in its workers
    nbs = get_config().nbs_path
    nbdev_sidebar.__wrapped__(path=nbs)
    return proc_nbs(str(nbs))


def script(mime: str, data: dict) -> str:  # A `<script>` tag holding `data` as JSON
    "Embed JSON in HTML the way html-manager reads it (`</` escaped so the JSON cannot close the tag)."
    body = json.dumps(data).replace('</', '<\\/')
    return f'<script type="{mime}">{body}</script>'


def widget_views(nb_path: Path) -> dict | None:  # The notebook's saved widget state, if it shows widgets
    "Turn the notebook's widget outputs into html-manager view tags, in place; return its widget state."
    nb = json.loads(nb_path.read_text(encoding='utf-8'))
    n = 0
    for cell in nb.get('cells', []):
        for out in cell.get('outputs', []):
            view = (out.get('data') or {}).get(VIEW)
            if view: out['data'], n = {'text/html': script(VIEW, view)}, n + 1
    if not n: return None
    state = (nb.get('metadata', {}).get('widgets') or {}).get(STATE)
    if not (state or {}).get('state'):
        print(f'warning: {nb_path.name} shows {n} widget(s) but saved no widget state; '
              'save the notebook with "Save Widget State Automatically" on', file=sys.stderr)
    nb_path.write_text(json.dumps(nb), encoding='utf-8')
    return state or {'version_major': 2, 'version_minor': 0, 'state': {}}


def render(stage: Path, out: Path):  # smalldocs' Site, built
    "Render the staged notebooks with smalldocs into `out`, honouring each page's `output-file`."
    from smalldocs.config import load
    from smalldocs.site import Site

    class QuartoNamedSite(Site):
        "smalldocs writes `x.ipynb` to `x.html`; Quarto (and so nbdev's links) use `output-file`."
        def read(self, src):
            page = super().read(src)
            if page.front.get('output-file'): page.out = src.with_name(str(page.front['output-file']))
            return page

    site = QuartoNamedSite(load(stage), quiet=True)
    site.out = out.resolve()  # nbdev.yml's output-dir is Quarto's `_docs`; this site goes elsewhere
    site.build()
    expected = ('output-file', 'format commonmark', 'keep-md')  # Quarto-only options in nbdev's _quarto.yml
    for w in site.warnings:
        if not any(k in w for k in expected): print(f'smalldocs: {w}', file=sys.stderr)
    return site


def need(path: Path) -> Path:  # `path`, which must exist
    "Fail with the fix when the npm packages are not installed."
    if not path.exists(): sys.exit(f'{path} is missing: run `npm ci --prefix {TOOLS.relative_to(ROOT)}`')
    return path


def finish(site, states: dict[PurePosixPath, dict]):
    "Serve KaTeX locally, keep nbdev's doc links on this site, give widget pages their state and bundle."
    from smalldocs.layout import KATEX
    libs = site.out/'site_libs'
    home = str(site.project.website.get('site-url') or '').rstrip('/') + '/'  # nbdev links to home+'x.html'
    katex_used = False
    for page in site.pages.values():
        f = site.out/page.out
        up = '../' * (len(page.out.parts) - 1)
        html = f.read_text(encoding='utf-8')
        katex_used |= KATEX in html
        html = html.replace(KATEX, f'{up}site_libs/katex')
        if home != '/': html = html.replace(f'href="{home}', f'href="{up}')
        if page.src in states:
            tags = (script(STATE, states[page.src]) +
                    f'\n<script src="{up}site_libs/jupyter-widgets/embed.js"></script>\n')
            html = re.sub(r'</body>', lambda m: tags + m.group(0), html, count=1)
        f.write_text(html, encoding='utf-8')
    if katex_used: shutil.copytree(need(NODE/'katex/dist'), libs/'katex', dirs_exist_ok=True)
    if states:  # the standalone bundle, and the icon fonts it loads from beside itself
        dist = need(NODE/'@jupyter-widgets/html-manager/dist')
        (libs/'jupyter-widgets').mkdir(parents=True, exist_ok=True)
        for p in dist.iterdir():
            if p.name == 'embed.js' or p.suffix in ('.woff', '.woff2', '.ttf', '.eot', '.svg', '.txt'):
                shutil.copy2(p, libs/'jupyter-widgets'/p.name)


def main(out: Path = ROOT/'_site'):
    "Build the whole site."
    proc = process_notebooks(ROOT)
    with tempfile.TemporaryDirectory(prefix='icm_docs_') as tmp:
        stage = Path(tmp)/'site'
        shutil.copytree(proc, stage)
        states = {}
        for nb in sorted(stage.rglob('*.ipynb')):
            state = widget_views(nb)
            if state is not None: states[PurePosixPath(nb.relative_to(stage).as_posix())] = state
        site = render(stage, out)
        finish(site, states)
    print(f'built {len(site.pages)} page(s) into {out} ({len(states)} with widgets)')


if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--out', type=Path, default=ROOT/'_site', help='the output folder (default: _site)')
    main(p.parse_args().out.resolve())
