/// <reference types="@fastly/js-compute" />
// Ledge JS sample "js-hello": answers with a JSON description of the request.
//
//   body:    {"method", "path", "query": {k: v}, "headers": {lowercased name: value}, "runtime": "js"}
//   status:  ?status=NNN if present, else 200
//   headers: content-type: application/json, x-ledge-sample: js-hello,
//            x-echo-tag: <request x-request-tag> (only if the request has one)

addEventListener("fetch", (event) => event.respondWith(handler(event)));

async function handler(event) {
  const request = event.request;
  const url = new URL(request.url);

  const query = {};
  for (const [k, v] of url.searchParams) {
    query[k] = v; // a repeated key keeps its last value
  }

  const headers = {};
  for (const [name, value] of request.headers) {
    // Headers iteration already yields lowercased names; a header sent several
    // times comes back as one comma-joined value (Fetch spec).
    headers[name.toLowerCase()] = value;
  }

  let status = 200;
  const statusParam = url.searchParams.get("status");
  if (statusParam !== null) {
    const n = Number.parseInt(statusParam, 10);
    if (Number.isInteger(n) && n >= 200 && n <= 599) {
      status = n;
    }
  }

  const responseHeaders = new Headers({
    "content-type": "application/json",
    "x-ledge-sample": "js-hello",
  });
  const tag = request.headers.get("x-request-tag");
  if (tag !== null) {
    responseHeaders.set("x-echo-tag", tag);
  }

  const body = JSON.stringify({
    method: request.method,
    path: url.pathname,
    query,
    headers,
    runtime: "js",
  });
  return new Response(body, { status, headers: responseHeaders });
}
