package io.wirehub.server.jetstream.store;

class MemoryStoreTest extends MessageStoreContract {
    @Override
    protected MessageStore create(StoreLimits limits, long firstSeq) {
        return new MemoryStore(limits, firstSeq, clock::get);
    }
}
