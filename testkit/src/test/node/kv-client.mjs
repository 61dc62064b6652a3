// Key-Value with npm nats.ws (nats.js' KV API) over WebSocket: a bucket with history, put, get,
// create-if-absent, update with an expected revision, delete, purge, keys, history, a watch and the
// bucket's status. Prints one JSON line with what it saw; the test runs it against Wirehub and
// against nats-server and compares.
// Usage: node kv-client.mjs ws://127.0.0.1:PORT
import WebSocket from "ws";
globalThis.WebSocket = WebSocket;
const { connect, StringCodec } = await import("nats.ws");

const sc = StringCodec();
const nc = await connect({ servers: process.argv[2], timeout: 5000 });
const js = nc.jetstream();
const out = {};
const failure = async (what) => {
  try {
    await what();
    return "accepted";
  } catch (err) {
    return err.message;
  }
};

const kv = await js.views.kv("nodekv", { history: 5 });
out.revisions = [await kv.put("color", sc.encode("red")), await kv.put("color", sc.encode("blue"))];
const color = await kv.get("color");
out.get = [color.key, sc.decode(color.value), color.revision, color.operation];
out.createNew = await kv.create("size", sc.encode("L"));
out.createExisting = await failure(() => kv.create("size", sc.encode("M")));
out.updateRight = await kv.update("size", sc.encode("XL"), out.createNew);
out.updateWrong = await failure(() => kv.update("size", sc.encode("S"), out.createNew));
await kv.put("shape", sc.encode("round"));
await kv.delete("shape");
const deleted = await kv.get("shape");
out.afterDelete = deleted === null ? null : [deleted.operation, deleted.revision];
out.recreateDeleted = await kv.create("shape", sc.encode("square"));
await kv.put("temp", sc.encode("x"));
await kv.purge("temp");
const purged = await kv.get("temp");
out.afterPurge = purged === null ? null : purged.operation;

const keys = [];
for await (const k of await kv.keys()) {
  keys.push(k);
}
out.keys = keys.sort();
const history = [];
for await (const e of await kv.history({ key: "color" })) {
  history.push([sc.decode(e.value), e.revision, e.operation]);
}
out.history = history;

// A watch sees the current values, then a new put.
const watched = [];
const watcher = await kv.watch({ key: "color" });
const done = (async () => {
  for await (const e of watcher) {
    watched.push([e.key, sc.decode(e.value), e.operation]);
    if (watched.length === 2) {
      watcher.stop();
    }
  }
})();
await kv.put("color", sc.encode("green"));
await Promise.race([done, new Promise((_, reject) => setTimeout(() => reject(new Error("watch timed out")), 10000))]);
out.watched = watched;

const status = await kv.status();
out.status = { bucket: status.bucket, values: status.values, history: status.history };
out.badKey = await failure(() => kv.put("bad key", sc.encode("x")));
await (await nc.jetstreamManager()).streams.delete("KV_nodekv");
console.log(JSON.stringify(out));
await nc.close();
