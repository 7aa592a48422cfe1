package io.arcllm.adapter.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The byte search that decides whether an answer echoes the API key (and so must be masked before it is parsed)
 * finds the key wherever it is, and only where it is.
 */
class KeySearchTests {

    @Test
    void findsTheKeyAtTheStartTheEndInsideAndNotWhenAbsentOrCut() {
        byte[] key = "sk-ant-api03-secret".getBytes(StandardCharsets.UTF_8);
        int[] skip = BaseAdapter.skipTable(key);

        assertThat(BaseAdapter.indexOf(bytes("sk-ant-api03-secret and more"), key, skip)).isZero();
        assertThat(BaseAdapter.indexOf(bytes("{\"text\":\"your key is sk-ant-api03-secret\"}"), key, skip)).isEqualTo(21);
        assertThat(BaseAdapter.indexOf(bytes("ends with sk-ant-api03-secret"), key, skip)).isEqualTo(10);
        assertThat(BaseAdapter.indexOf(bytes("sk-ant-api03-secre sk-ant-api03-secret"), key, skip)).isEqualTo(19);
        assertThat(BaseAdapter.indexOf(bytes("{\"text\":\"sk-ant-api03-secre\"}"), key, skip)).isEqualTo(-1);
        assertThat(BaseAdapter.indexOf(bytes("short"), key, skip)).isEqualTo(-1);
    }

    @Test
    void agreesWithAPlainSearchOnRandomAnswersOverASmallAlphabet() {
        Random random = new Random(17);
        for (int run = 0; run < 5_000; run++) {
            byte[] key = randomBytes(random, 8 + random.nextInt(6));
            byte[] answer = randomBytes(random, random.nextInt(120));
            if (answer.length >= key.length && random.nextBoolean()) {
                System.arraycopy(key, 0, answer, random.nextInt(answer.length - key.length + 1), key.length);
            }
            assertThat(BaseAdapter.indexOf(answer, key, BaseAdapter.skipTable(key))).isEqualTo(plainIndexOf(answer, key));
        }
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) ("ab-".charAt(random.nextInt(3)));
        }
        return bytes;
    }

    private static int plainIndexOf(byte[] bytes, byte[] key) {
        return new String(bytes, StandardCharsets.ISO_8859_1).indexOf(new String(key, StandardCharsets.ISO_8859_1));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
