package io.wirehub.server.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BusiestSubjectsTest {
    private static void sample(BusiestSubjects busiest, String subject, int times) {
        byte[] line = ("PUB " + subject + " 5").getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < times; i++) {
            busiest.sample(line, 4, subject.length());
        }
    }

    @Test
    void countsTheMostPublishedSubjects() {
        BusiestSubjects busiest = new BusiestSubjects();
        sample(busiest, "orders.new", 30);
        sample(busiest, "orders.paid", 10);
        assertThat(busiest.top(2)).containsExactly(
                new BusiestSubjects.SubjectCount("orders.new", 30L * BusiestSubjects.SAMPLE_EVERY),
                new BusiestSubjects.SubjectCount("orders.paid", 10L * BusiestSubjects.SAMPLE_EVERY));
    }

    @Test
    void oneOffReplySubjectsAreOneRowAndDoNotPushRealSubjectsOut() {
        BusiestSubjects busiest = new BusiestSubjects();
        sample(busiest, "service.lookup", 5);
        for (int i = 0; i < 500; i++) {
            sample(busiest, "_INBOX.Xz81kqPkq7mFdL2c5wzUaB." + i, 1);
        }
        assertThat(busiest.top(10)).containsExactly(
                new BusiestSubjects.SubjectCount(BusiestSubjects.INBOXES, 500L * BusiestSubjects.SAMPLE_EVERY),
                new BusiestSubjects.SubjectCount("service.lookup", 5L * BusiestSubjects.SAMPLE_EVERY));
        // A subject that only looks like the prefix is its own row.
        sample(busiest, "_INBOXES", 1);
        assertThat(busiest.top(10)).extracting(BusiestSubjects.SubjectCount::subject).contains("_INBOXES");
    }
}
