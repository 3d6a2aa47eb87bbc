// @ts-check
/**
 * The console's HTTP server: Next.js's own request handler behind a plain node:http server,
 * started by `parapet demo` instead of `next start` for one reason: the client address.
 * `next start` only fills X-Forwarded-For with the socket address when the header is
 * absent, so a caller that writes the header itself hides where it came from. Here the
 * socket's peer address is always appended as the right-most hop, as a proxy would, and
 * lib/http/client-ip.ts believes hops to its left only through PARAPET_TRUSTED_PROXIES.
 *
 * Usage: node scripts/console-server.js <port> <host>
 */
const http = require("node:http");
const path = require("node:path");
const next = require("next");

const port = Number(process.argv[2] ?? 3000);
const hostname = process.argv[3] ?? "127.0.0.1";

async function main() {
  const app = next({ dev: false, dir: path.resolve(__dirname, ".."), hostname, port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = http.createServer((request, response) => {
    const peer = request.socket.remoteAddress ?? "";
    const previous = request.headers["x-forwarded-for"];
    const hops = [Array.isArray(previous) ? previous.join(", ") : previous, peer].filter(Boolean);
    request.headers["x-forwarded-for"] = hops.join(", ");
    handle(request, response).catch((error) => {
      console.error(error);
      if (!response.headersSent) response.statusCode = 500;
      response.end();
    });
  });
  server.listen(port, hostname, () => console.log(`console listening on http://${hostname}:${port}`));
  const stop = () => server.close(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
