// JetStream consumers with npm nats.ws (nats.js' API) against Wirehub over WebSocket: a durable
// pull consumer read with consumers.get(...).fetch() and consume(), acks and consumer info, and an
// ordered consumer. Prints one JSON line with what it saw.
// Usage: node js-consumers.mjs ws://127.0.0.1:PORT
import WebSocket from "ws";
globalThis.WebSocket = WebSocket;
const { connect, StringCodec, AckPolicy } = await import("nats.ws");

const sc = StringCodec();
const nc = await connect({ servers: process.argv[2], timeout: 5000 });
const jsm = await nc.jetstreamManager();
const js = nc.jetstream();
const out = {};

await jsm.streams.add({ name: "CNODE", subjects: ["cnode.>"] });
for (let i = 1; i <= 5; i++) {
  await js.publish(`cnode.${i}`, sc.encode(`m${i}`));
}
await jsm.consumers.add("CNODE", { durable_name: "d", ack_policy: AckPolicy.Explicit });
const consumer = await js.consumers.get("CNODE", "d");

out.fetched = [];
const batch = await consumer.fetch({ max_messages: 3, expires: 2000 });
for await (const m of batch) {
  out.fetched.push(sc.decode(m.data));
  m.ack();
}

out.consumed = [];
const messages = await consumer.consume({ max_messages: 10 });
for await (const m of messages) {
  out.consumed.push(sc.decode(m.data));
  await m.ackAck();
  if (out.consumed.length === 2) {
    break;
  }
}
const info = await consumer.info();
out.ackFloor = info.ack_floor.stream_seq;
out.pending = info.num_ack_pending;

const ordered = await js.consumers.get("CNODE");
out.ordered = [];
const ob = await ordered.fetch({ max_messages: 5, expires: 2000 });
for await (const m of ob) {
  out.ordered.push(m.seq);
}
console.log(JSON.stringify(out));
await nc.close();
