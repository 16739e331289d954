// A readable, dependency-free API reference rendered in the browser from the OpenAPI document.
export function apiDocsPage(specUrl: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Accord API reference</title>
<style>
  body { font: 14px/1.5 system-ui, sans-serif; margin: 0; color: #1a1b1e; background: #f8f9fa; }
  main { max-width: 960px; margin: 0 auto; padding: 24px; }
  h1 { font-size: 24px; } h2 { margin-top: 32px; border-bottom: 1px solid #dee2e6; }
  details { background: #fff; border: 1px solid #dee2e6; border-radius: 6px; margin: 8px 0; }
  summary { cursor: pointer; padding: 8px 12px; display: flex; gap: 12px; align-items: baseline; }
  .method { font: 600 12px ui-monospace, monospace; width: 56px; text-transform: uppercase; }
  .get { color: #1971c2; } .post { color: #2f9e44; } .patch, .put { color: #e8590c; } .delete { color: #e03131; }
  code, pre { font-family: ui-monospace, monospace; font-size: 12px; }
  pre { background: #f1f3f5; padding: 8px; overflow: auto; margin: 0 12px 12px; border-radius: 4px; }
  .section { padding: 0 12px; font-weight: 600; }
</style>
</head>
<body><main><h1>Accord API reference</h1><p id="intro"></p><div id="ops">Loading…</div></main>
<script>
fetch(${JSON.stringify(specUrl)}).then((r) => r.json()).then((spec) => {
  document.getElementById('intro').textContent = spec.info.description || '';
  const byTag = {};
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const tag = (op.tags && op.tags[0]) || 'Other';
      (byTag[tag] = byTag[tag] || []).push({ path, method, op });
    }
  }
  const root = document.getElementById('ops');
  root.textContent = '';
  const el = (tag, props, children) => {
    const node = Object.assign(document.createElement(tag), props || {});
    for (const child of children || []) node.append(child);
    return node;
  };
  const json = (value) => el('pre', { textContent: JSON.stringify(value, null, 2) });
  for (const [tag, ops] of Object.entries(byTag)) {
    root.append(el('h2', { textContent: tag }));
    for (const { path, method, op } of ops) {
      const parts = [el('summary', {}, [
        el('span', { className: 'method ' + method, textContent: method }),
        el('code', { textContent: '/api/v1' + path }),
        el('span', { textContent: op.summary || '' }),
      ])];
      if (op.parameters && op.parameters.length) {
        parts.push(el('div', { className: 'section', textContent: 'Parameters' }), json(op.parameters.map((p) => ({ name: p.name, in: p.in, required: !!p.required, schema: p.schema }))));
      }
      const body = op.requestBody && op.requestBody.content['application/json'];
      if (body) parts.push(el('div', { className: 'section', textContent: 'Body' }), json(body.schema));
      for (const [status, response] of Object.entries(op.responses || {})) {
        const content = response.content && response.content['application/json'];
        parts.push(el('div', { className: 'section', textContent: status + ' ' + response.description }));
        if (content && status < '400') parts.push(json(content.schema));
      }
      root.append(el('details', {}, parts));
    }
  }
});
</script></body></html>`;
}
