"""Times Python's google.protobuf.text_format over the benchmark corpus.

Run by bench/peers/python-text-format.ts with the generated model_config_pb2
module on sys.path. Reads a JSON job {"corpus": [text, ...], "large": text,
"repetitions": n} from the file named on the command line and prints one JSON
object of timings (seconds, medians), printed sizes and memory figures.
"""

import gc
import json
import statistics
import sys
import time
import tracemalloc


def rss_bytes(field):
    """VmRSS (current) or VmHWM (peak) of this process, from /proc."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    return None


def reset_peak_rss():
    """Linux resets VmHWM to the current RSS when 5 is written to clear_refs."""
    try:
        with open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")
        return True
    except OSError:
        return False


def timed(repetitions, work):
    work()  # warm-up, untimed
    times = []
    result = None
    for _ in range(repetitions):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main():
    pb_dir, job_path = sys.argv[1], sys.argv[2]
    sys.path.insert(0, pb_dir)
    from google.protobuf import text_format
    from google.protobuf.internal import api_implementation
    import model_config_pb2

    with open(job_path, encoding="utf-8") as job_file:
        job = json.load(job_file)
    corpus, large, repetitions = job["corpus"], job["large"], job["repetitions"]
    ModelConfig = model_config_pb2.ModelConfig

    def parse(text):
        return text_format.Parse(text, ModelConfig())

    # Memory first, before any timing run raises the peak: RSS above the
    # baseline, then tracemalloc's peak of Python allocations, on separate reads.
    gc.collect()
    peak_reset = reset_peak_rss()
    rss_before = rss_bytes("VmRSS")
    message = parse(large)
    rss_peak = rss_bytes("VmHWM")
    del message
    gc.collect()
    tracemalloc.start()
    message = parse(large)
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del message
    gc.collect()

    read_s, messages = timed(repetitions, lambda: [parse(text) for text in corpus])
    print_s, printed = timed(repetitions, lambda: [text_format.MessageToString(m) for m in messages])
    large_repetitions = max(1, repetitions // 2)
    large_read_s, large_message = timed(large_repetitions, lambda: parse(large))
    large_print_s, large_printed = timed(large_repetitions, lambda: text_format.MessageToString(large_message))

    json.dump(
        {
            "implementation": api_implementation.Type(),
            "protobuf_version": __import__("google.protobuf").protobuf.__version__,
            "corpus": {
                "read_s": read_s,
                "print_s": print_s,
                "printed_bytes": sum(len(text.encode("utf-8")) for text in printed),
            },
            "large": {
                "read_s": large_read_s,
                "print_s": large_print_s,
                "printed_bytes": len(large_printed.encode("utf-8")),
            },
            "memory": {
                "traced_peak_bytes": traced_peak,
                "rss_peak_above_baseline_bytes": (rss_peak - rss_before) if peak_reset and rss_peak and rss_before else None,
            },
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
