package io.stream4flow.collector.decode;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Open-addressing map from primitive {@code long} keys to objects: lookups do not box. Grows by
 * doubling; callers bound its size. Not thread-safe.
 */
final class LongObjectMap<V> {
    private long[] keys;
    private Object[] values;
    private int size;
    private int mask;

    LongObjectMap(int expected) {
        int cap = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
        keys = new long[cap];
        values = new Object[cap];
        mask = cap - 1;
    }

    private static int hash(long k) {
        long h = k * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    @SuppressWarnings("unchecked")
    V get(long key) {
        int i = hash(key) & mask;
        while (true) {
            Object v = values[i];
            if (v == null) {
                return null;
            }
            if (keys[i] == key) {
                return (V) v;
            }
            i = (i + 1) & mask;
        }
    }

    /** Puts a non-null value; returns the previous one or null. */
    @SuppressWarnings("unchecked")
    V put(long key, V value) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int i = hash(key) & mask;
        while (true) {
            Object v = values[i];
            if (v == null) {
                keys[i] = key;
                values[i] = value;
                size++;
                return null;
            }
            if (keys[i] == key) {
                values[i] = value;
                return (V) v;
            }
            i = (i + 1) & mask;
        }
    }

    @SuppressWarnings("unchecked")
    V remove(long key) {
        int i = hash(key) & mask;
        while (true) {
            Object v = values[i];
            if (v == null) {
                return null;
            }
            if (keys[i] == key) {
                values[i] = null;
                size--;
                // re-insert the rest of the cluster
                int j = (i + 1) & mask;
                while (values[j] != null) {
                    long k = keys[j];
                    Object val = values[j];
                    values[j] = null;
                    size--;
                    put(k, (V) val);
                    j = (j + 1) & mask;
                }
                return (V) v;
            }
            i = (i + 1) & mask;
        }
    }

    int size() {
        return size;
    }

    void clear() {
        Arrays.fill(values, null);
        size = 0;
    }

    @SuppressWarnings("unchecked")
    void forEachValue(Consumer<V> c) {
        for (Object v : values.clone()) {
            if (v != null) {
                c.accept((V) v);
            }
        }
    }

    interface EntryConsumer<V> {
        void accept(long key, V value);
    }

    @SuppressWarnings("unchecked")
    void forEachEntry(EntryConsumer<V> c) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                c.accept(keys[i], (V) values[i]);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void grow() {
        long[] ok = keys;
        Object[] ov = values;
        keys = new long[ok.length * 2];
        values = new Object[ov.length * 2];
        mask = keys.length - 1;
        size = 0;
        for (int i = 0; i < ok.length; i++) {
            if (ov[i] != null) {
                put(ok[i], (V) ov[i]);
            }
        }
    }
}
