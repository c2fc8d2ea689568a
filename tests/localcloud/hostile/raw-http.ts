/**
 * Raw bytes over a TCP socket, for what node:http and fetch refuse to send: non-UTF-8 bytes in the request
 * line, header values outside Latin-1, bodies that are not what Content-Length says.
 */
import * as net from "node:net";

export interface RawReply {
  /** The status of the first response line, or 0 when the server closed without answering. */
  status: number;
  /** Everything the server sent. */
  text: string;
}

/** Sends `head` (request line + headers, without the final CRLF CRLF) and `body`, and reads until the server closes. */
export function rawRequest(port: number, head: Buffer, body: Buffer = Buffer.alloc(0), timeoutMs = 10_000): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${timeoutMs} ms to ${JSON.stringify(head.toString("latin1").slice(0, 120))}`));
    }, timeoutMs);
    socket.on("connect", () => {
      socket.write(Buffer.concat([head, Buffer.from("\r\n\r\n"), body]));
    });
    socket.on("data", (c: Buffer) => chunks.push(c));
    socket.on("error", () => undefined);
    socket.on("close", () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString("latin1");
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      resolve({ status: m ? Number(m[1]) : 0, text });
    });
  });
}

/** A request head with `Connection: close`, so the server ends the socket after its answer. */
export function rawHead(method: string, pathBytes: Buffer, headers: Array<[string, Buffer | string]>): Buffer {
  const lines: Buffer[] = [Buffer.concat([Buffer.from(`${method} `), pathBytes, Buffer.from(" HTTP/1.1")])];
  lines.push(Buffer.from("Host: 127.0.0.1"), Buffer.from("Connection: close"));
  for (const [k, v] of headers) lines.push(Buffer.concat([Buffer.from(`${k}: `), typeof v === "string" ? Buffer.from(v, "latin1") : v]));
  return Buffer.concat(lines.flatMap((l, i) => (i === 0 ? [l] : [Buffer.from("\r\n"), l])));
}
