package io.promregator.core.bench;

import io.promregator.core.bench.LoadGenerator.Way;

/** One load, fetched both ways: the samples and the CPU time each way cost the aggregator and this JVM. */
final class Comparison {
    private final String load;
    private final Samples direct = new Samples();
    private final Samples proxied = new Samples();
    private final long[] aggregatorCpuNanos = new long[2];
    private final long[] harnessCpuNanos = new long[2];

    Comparison(String load) {
        this.load = load;
    }

    void add(Way way, Samples samples, long aggregatorCpu, long harnessCpu) {
        samples(way).addAll(samples);
        aggregatorCpuNanos[way.ordinal()] += aggregatorCpu;
        harnessCpuNanos[way.ordinal()] += harnessCpu;
    }

    String load() {
        return load;
    }

    Samples direct() {
        return direct;
    }

    Samples proxied() {
        return proxied;
    }

    /** The aggregator's CPU time per successful fetch, in milliseconds. */
    double aggregatorCpuMillis(Way way) {
        return perFetch(aggregatorCpuNanos[way.ordinal()], way);
    }

    /** CPU time of this JVM (simulator and load generator) per successful fetch, in milliseconds. */
    double harnessCpuMillis(Way way) {
        return perFetch(harnessCpuNanos[way.ordinal()], way);
    }

    /** The aggregator's CPU time over the wall time of the slices: how many cores it kept busy. */
    double aggregatorCores(Way way) {
        return cores(aggregatorCpuNanos[way.ordinal()], way);
    }

    /** This JVM's CPU time over the wall time of the slices. */
    double harnessCores(Way way) {
        return cores(harnessCpuNanos[way.ordinal()], way);
    }

    private Samples samples(Way way) {
        return way == Way.DIRECT ? direct : proxied;
    }

    private double perFetch(long nanos, Way way) {
        int count = samples(way).count();
        return count == 0 ? Double.NaN : nanos / 1e6 / count;
    }

    private double cores(long nanos, Way way) {
        long elapsed = samples(way).elapsedNanos();
        return elapsed == 0 ? Double.NaN : (double) nanos / elapsed;
    }
}
