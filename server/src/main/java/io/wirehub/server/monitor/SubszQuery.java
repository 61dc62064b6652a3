package io.wirehub.server.monitor;

import io.wirehub.server.stats.SubjectIndexStats;
import io.wirehub.server.stats.SubscriptionSnapshot;
import io.wirehub.server.subject.Subjects;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** /subsz's options and their effect, as nats-server has them: subs, offset, limit and test. */
final class SubszQuery {
    static final int DEFAULT_LIMIT = 1024;

    private final boolean list;
    private final int offset;
    private final int limit;
    private final String test;
    private final String account;

    SubszQuery(QueryParams params) {
        list = params.bool("subs");
        offset = Math.max(0, params.integer("offset"));
        int requested = params.integer("limit");
        limit = requested <= 0 ? DEFAULT_LIMIT : requested;
        test = params.get("test");
        account = params.get("acc").isEmpty() ? null : params.get("acc");
        if (!test.isEmpty() && !Subjects.isValidLiteralSubject(test)) {
            throw new BadRequest("invalid test subject, must be valid publish subject: " + test);
        }
    }

    Subsz answer(ServerView server, Instant now) {
        SubjectIndexStats stats = server.subscriptionStats(account);
        int total = 0;
        List<SubDetail> page = List.of();
        if (list) {
            List<SubDetail> all = new ArrayList<>();
            for (SubscriptionSnapshot s : server.subscriptions(account)) {
                if (test.isEmpty() || Subjects.matchesLiteral(test, s.subject())) {
                    all.add(SubDetail.of(s));
                }
            }
            // A stable order, so offset and limit page through the same list on every request.
            all.sort(Comparator.comparingLong(SubDetail::cid).thenComparing(SubDetail::sid));
            total = all.size();
            page = offset >= total ? List.of() : all.subList(offset, Math.min(total, offset + limit));
        }
        return new Subsz(server.description().serverId(), now.toString(), stats.subscriptions(), stats.cachedSubjects(), stats.inserts(),
                stats.removes(), stats.matches(), stats.cacheHitRate(), stats.maxFanOut(), stats.averageFanOut(),
                total, offset, limit, page);
    }
}
