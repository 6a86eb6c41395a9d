package io.promregator.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.promregator.core.bcrypt.BcryptHash;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class BcryptCredentialsTest {
    /** "pa:ss wörd" at cost 4, made by libxcrypt 4.4.33 (see BcryptHashTest for the command). */
    private static final BcryptHash HASH =
            BcryptHash.parse("$2y$04$yoxou3keoQUdpRHYuVXwhO7yaDDFctzwiopQtfIYJUEmFQEiO0rne");

    private final List<String> checked = new ArrayList<>();
    private final BcryptCredentials credentials = new BcryptCredentials("prometheus", password -> {
        checked.add(new String(password, StandardCharsets.UTF_8));
        return HASH.matches(password);
    });

    private static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void acceptsTheUserWithThePasswordOfTheHash() {
        assertThat(credentials.accepts(basic("prometheus:pa:ss wörd"))).isTrue();
        assertThat(credentials.accepts("basic " + basic("prometheus:pa:ss wörd").substring(6)))
                .as("the scheme in any case")
                .isTrue();
        assertThat(checked).as("the same credentials, remembered").containsExactly("pa:ss wörd");
    }

    @Test
    void remembersAHeaderThatPassedSoItsRepeatSkipsBcrypt() {
        String right = basic("prometheus:pa:ss wörd");

        assertThat(credentials.accepts(right)).isTrue();
        assertThat(credentials.accepts(right)).isTrue();
        assertThat(credentials.accepts(right)).isTrue();

        assertThat(checked).hasSize(1);
        assertThat(credentials.remembered()).isEqualTo(1);
    }

    @Test
    void remembersAHeaderThatFailedSoItsRepeatSkipsBcryptToo() {
        String wrong = basic("prometheus:password");

        assertThat(credentials.accepts(wrong)).isFalse();
        assertThat(credentials.accepts(wrong)).isFalse();
        assertThat(credentials.accepts("basic  " + wrong.substring(6).replace("=", "")))
                .as("the same credentials in another form")
                .isFalse();

        assertThat(checked).containsExactly("password");
        assertThat(credentials.remembered()).isZero();
        assertThat(credentials.rememberedFailures()).isEqualTo(1);
    }

    @Test
    void otherUnknownCredentialsWhileACheckRunsAreBusyAndTheSameOnesWaitForIt() throws Exception {
        CountDownLatch inBcrypt = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        BcryptCredentials slow = new BcryptCredentials("u", password -> {
            inBcrypt.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new String(password, StandardCharsets.UTF_8).equals("right");
        });
        ExecutorService callers = Executors.newFixedThreadPool(2);
        Future<BcryptCredentials.Verdict> first = callers.submit(() -> slow.check(basic("u:right")));
        inBcrypt.await();
        Future<BcryptCredentials.Verdict> same = callers.submit(() -> slow.check(basic("u:right")));

        assertThat(slow.check(basic("u:guess"))).isEqualTo(BcryptCredentials.Verdict.BUSY);
        release.countDown();
        assertThat(first.get()).isEqualTo(BcryptCredentials.Verdict.ACCEPTED);
        assertThat(same.get()).isEqualTo(BcryptCredentials.Verdict.ACCEPTED);
        callers.shutdown();
    }

    @Test
    void rejectsAnotherUserWithTheRightPasswordAfterRunningBcryptAlike() {
        assertThat(credentials.accepts(basic("admin:pa:ss wörd"))).isFalse();

        assertThat(checked).as("bcrypt runs for a wrong user too").containsExactly("pa:ss wörd");
        assertThat(credentials.remembered()).isZero();
    }

    @Test
    void rejectsHeadersThatAreNotBasicCredentialsWithoutBcrypt() {
        assertThat(credentials.accepts(null)).isFalse();
        assertThat(credentials.accepts("Bearer abc")).isFalse();
        assertThat(credentials.accepts("Basic")).isFalse();
        assertThat(credentials.accepts("Basic not*base64")).isFalse();
        assertThat(credentials.accepts(basic("prometheus"))).as("no colon").isFalse();

        assertThat(checked).isEmpty();
    }

    @Test
    void remembersOnlyTheLatestHeaders() {
        BcryptCredentials anyPassword = new BcryptCredentials("u", password -> true);
        for (int i = 0; i < BcryptCredentials.REMEMBERED + 5; i++) {
            assertThat(anyPassword.accepts(basic("u:" + i))).isTrue();
        }

        assertThat(anyPassword.remembered()).isEqualTo(BcryptCredentials.REMEMBERED);
        BcryptCredentials noPassword = new BcryptCredentials("u", password -> false);
        for (int i = 0; i < BcryptCredentials.REMEMBERED + 5; i++) {
            assertThat(noPassword.accepts(basic("u:" + i))).isFalse();
        }
        assertThat(noPassword.rememberedFailures()).isEqualTo(BcryptCredentials.REMEMBERED);
    }
}
