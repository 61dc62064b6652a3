// Connects to Wirehub over WebSocket with npm nats.ws (Node 20 has no WebSocket of its own, so the
// ws package stands in; it offers permessage-deflate like a browser). Prints one JSON line with
// what it saw, for the Java test to check. Usage: node ws-client.mjs ws://127.0.0.1:PORT
import WebSocket from "ws";
globalThis.WebSocket = WebSocket;
const { connect, StringCodec } = await import("nats.ws");

const url = process.argv[2];
const sc = StringCodec();
const nc = await connect({ servers: url, timeout: 5000 });

const echo = nc.subscribe("node.echo");
(async () => {
  for await (const m of echo) {
    m.respond(m.data);
  }
})();

const loop = nc.subscribe("node.loop", { max: 3 });
const received = [];
const looped = (async () => {
  for await (const m of loop) {
    received.push(sc.decode(m.data));
  }
})();
for (let i = 0; i < 3; i++) {
  nc.publish("node.loop", sc.encode("m" + i));
}
const reply = await nc.request("node.echo", sc.encode("ping over websocket"), { timeout: 5000 });
await looped;

// A large message both ways: split into frames and, with compression, deflated.
const big = "x".repeat(200 * 1024);
const bigReply = await nc.request("node.echo", sc.encode(big), { timeout: 5000 });

// For the Java side, listening over TCP.
nc.publish("from.node", sc.encode("hello from node"));
await nc.flush();
console.log(JSON.stringify({
  serverId: nc.info.server_id,
  received,
  reply: sc.decode(reply.data),
  bigReplyLength: bigReply.data.length,
}));
await nc.drain();
