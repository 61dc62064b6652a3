/**
 * Internal: the helpers Wirehub's own tests use (raw protocol clients, certificate makers, a
 * nats-server runner for side-by-side tests, transcripts). Not part of the testkit's API; they
 * change without notice. The API is {@link io.wirehub.testkit.WirehubTest},
 * {@link io.wirehub.testkit.WirehubExtension} and {@link io.wirehub.testkit.Await}.
 */
package io.wirehub.testkit.internal;
