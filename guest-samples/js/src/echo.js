/// <reference types="@fastly/js-compute" />
// Ledge JS sample "js-echo": the echo contract shared with the Rust and Go samples.
//
//   /status/NNN  -> status NNN, body "status NNN\n", text/plain
//   /stream/N    -> 200, streaming body of N chunks "chunk i\n" (one enqueue each), x-streamed: 1
//   /trap        -> throws an Error from the (async) handler, i.e. respondWith() gets a
//                   rejected promise; what the client sees is up to the runtime
//   /nothing     -> the fetch listener returns without ever calling event.respondWith().
//                   That is the closest the SDK allows to "no response": respondWith must be
//                   called synchronously inside the listener, so there is no way to respond
//                   "later" or to exit the guest from JS. What the client then gets is up to
//                   the SDK's engine and the host (not verified here).
//   /counter     -> module-level counter, incremented per request: body "counter=N"
//                   (a fresh sandbox per request gives counter=1)
//   anything else: echo. 200; x-echo-method, x-echo-uri (request.url as given),
//                  echo-<name> for every request header value (Headers.append), body = request
//                  body bytes verbatim.

let counter = 0;

addEventListener("fetch", (event) => {
  const path = new URL(event.request.url).pathname;
  if (path === "/nothing") {
    // Deliberately never call event.respondWith().
    return;
  }
  event.respondWith(handler(event.request, path));
});

async function handler(request, path) {
  let m = /^\/status\/(\d{3})$/.exec(path);
  if (m) {
    const status = Number(m[1]);
    return new Response(`status ${status}\n`, {
      status,
      headers: { "content-type": "text/plain" },
    });
  }

  m = /^\/stream\/(\d+)$/.exec(path);
  if (m) {
    return streamResponse(Number(m[1]));
  }

  if (path === "/trap") {
    throw new Error("ledge js-echo: deliberate trap");
  }

  if (path === "/counter") {
    counter += 1;
    return new Response(`counter=${counter}`, {
      status: 200,
      headers: { "content-type": "text/plain" },
    });
  }

  return echo(request);
}

function streamResponse(n) {
  const encoder = new TextEncoder();
  let i = 0;
  const body = new ReadableStream({
    // One enqueue per pull, with an await in between, so every chunk is a separate write.
    async pull(controller) {
      if (i >= n) {
        controller.close();
        return;
      }
      await Promise.resolve();
      controller.enqueue(encoder.encode(`chunk ${i}\n`));
      i += 1;
    },
  });
  return new Response(body, {
    status: 200,
    headers: { "content-type": "text/plain", "x-streamed": "1" },
  });
}

async function echo(request) {
  const headers = new Headers();
  headers.set("x-echo-method", request.method);
  headers.set("x-echo-uri", request.url);
  // Note: Fetch-spec Headers iteration yields one entry per name with the values joined
  // by ", " (set-cookie excepted), so a multi-line request header usually arrives here
  // as a single combined value.
  for (const [name, value] of request.headers) {
    headers.append(`echo-${name}`, value);
  }
  const body = await request.arrayBuffer();
  return new Response(body, { status: 200, headers });
}
