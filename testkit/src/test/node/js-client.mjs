// JetStream streams with npm nats.ws (nats.js' API) against Wirehub over WebSocket: creates a
// stream, publishes (with a duplicate id and an expected last sequence), reads it back, uses a KV
// bucket's put/get, purges and deletes. Prints one JSON line with what it saw.
// Usage: node js-client.mjs ws://127.0.0.1:PORT
import WebSocket from "ws";
globalThis.WebSocket = WebSocket;
const { connect, StringCodec } = await import("nats.ws");

const sc = StringCodec();
const nc = await connect({ servers: process.argv[2], timeout: 5000 });
const jsm = await nc.jetstreamManager();
const js = nc.jetstream();
const out = {};

const created = await jsm.streams.add({ name: "NODE", subjects: ["node.>"] });
out.createdStorage = created.config.storage;
const first = await js.publish("node.a", sc.encode("one"), { msgID: "n1" });
const again = await js.publish("node.a", sc.encode("one"), { msgID: "n1" });
const second = await js.publish("node.b", sc.encode("two"), { expect: { lastSequence: 1 } });
out.seqs = [first.seq, again.seq, second.seq];
out.duplicate = again.duplicate;
try {
  await js.publish("node.c", sc.encode("x"), { expect: { lastSequence: 1 } });
  out.wrongLast = "accepted";
} catch (err) {
  out.wrongLast = err.message;
}
const info = await jsm.streams.info("NODE");
out.messages = info.state.messages;
out.lastSeq = info.state.last_seq;
const got = await jsm.streams.getMessage("NODE", { seq: 2 });
out.got = [got.subject, sc.decode(got.data)];
const names = [];
for await (const name of jsm.streams.names()) {
  names.push(name);
}
out.names = names;

const kv = await js.views.kv("nodekv");
await kv.put("k", sc.encode("v1"));
await kv.put("k", sc.encode("v2"));
const entry = await kv.get("k");
out.kv = [sc.decode(entry.value), entry.revision];

const purged = await jsm.streams.purge("NODE");
out.purged = purged.purged;
out.deleted = await jsm.streams.delete("NODE");
console.log(JSON.stringify(out));
await nc.close();
