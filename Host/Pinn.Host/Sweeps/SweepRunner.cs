using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Pinn.Host.Commands;

namespace Pinn.Host.Sweeps;

/// <summary>
/// Runs a sweep's variants on this machine: <paramref name="workers"/> at a time, each a separate <c>pinn run</c>
/// process (each run's manifest gives it its share of the cores through <c>threads</c>). A failed variant is recorded
/// and the others go on. Run again, it skips the variants that finished (done or failed), continues interrupted ones
/// from their checkpoints and starts the rest. When the sweep is cancelled (Ctrl+C, SIGTERM) no new run starts and each
/// running one gets one SIGINT: it finishes its step, writes its checkpoint and stops. The runs are in sessions of
/// their own, so a terminal's Ctrl+C reaches them only through the sweep, once (a second SIGINT would end a run at once).
/// </summary>
internal sealed class SweepRunner(SweepFolder folder, IReadOnlyList<SweepVariant> variants, int workers, TextWriter progress)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _done, _failed, _running;
    private readonly List<double> _durations = [];
    private readonly HashSet<Process> _processes = [];
    private bool _cancelled;

    /// <summary>The signal a cancelled sweep sends its running runs: SIGINT (2) by default, SIGTERM (15) when the sweep
    /// itself was terminated. Forwarding the signal the sweep received matters when it was started with SIGINT ignored
    /// (in the background by a script): its runs inherit that, and only SIGTERM reaches them.</summary>
    public int StopSignal { get; set; } = 2;

    /// <summary>Runs what is left; true when every variant is done.</summary>
    public bool Run(CancellationToken cancel)
    {
        var states = variants.Select(v => (Variant: v, Outcome: SweepResults.Outcome(folder, v))).ToArray();
        var skipped = states.Count(s => s.Outcome.Status is VariantOutcome.Done or VariantOutcome.Failed);
        _done = states.Count(s => s.Outcome.Status == VariantOutcome.Done);
        _failed = states.Count(s => s.Outcome.Status == VariantOutcome.Failed);
        var queue = new Queue<(SweepVariant Variant, bool Resume)>(states.Where(s => s.Outcome.Status is VariantOutcome.NotRun or VariantOutcome.Interrupted)
                                                                          .Select(s => (s.Variant, s.Outcome.Status == VariantOutcome.Interrupted)));
        var resumed = queue.Count(q => q.Resume);
        progress.WriteLine($"sweep: {variants.Count} variants into {folder.Root}; {skipped} finished before, {resumed} to continue from their checkpoints, "
                           + $"{queue.Count - resumed} to start; {workers} worker{(workers == 1 ? "" : "s")}");
        var gate = new object();
        using var onCancel = cancel.Register(() =>
        {
            lock (_processes)
            {
                _cancelled = true;
                foreach (var p in _processes) Kill(p.Id, StopSignal);
            }
        });
        var tasks = Enumerable.Range(0, workers).Select(_ => Task.Run(() =>
        {
            while (true)
            {
                (SweepVariant Variant, bool Resume) next;
                lock (gate)
                {
                    if (cancel.IsCancellationRequested || queue.Count == 0) return;
                    next = queue.Dequeue();
                    _running++;
                }
                var started = _clock.Elapsed.TotalSeconds;
                var code = RunOne(next.Variant, next.Resume);
                var outcome = SweepResults.Outcome(folder, next.Variant);
                lock (gate)
                {
                    _running--;
                    _durations.Add(_clock.Elapsed.TotalSeconds - started);
                    var notStarted = code == ExitCodes.Interrupted && outcome.Status == VariantOutcome.NotRun;
                    if (outcome.Status == VariantOutcome.Done) _done++;
                    else if (outcome.Status == VariantOutcome.Failed || code != 0 && !notStarted && outcome.Status == VariantOutcome.NotRun) _failed++;
                    var what = outcome.Status switch
                    {
                        _ when notStarted => "not started (the sweep was stopped)",
                        VariantOutcome.Done => $"done, relL2 {Format(outcome.RelL2)} after {outcome.Steps} steps",
                        VariantOutcome.Interrupted => "interrupted (continues from its checkpoint when the sweep is run again)",
                        VariantOutcome.Failed => $"failed: {outcome.Error}",
                        _ => $"failed: pinn run ended with exit code {code} before writing a summary (see {folder.Log(next.Variant.Id)})",
                    };
                    progress.WriteLine($"[{_done + _failed}/{variants.Count} finished, {_running} running, {_failed} failed{Eta(queue.Count)}] {next.Variant.Id} {what}");
                }
            }
        })).ToArray();
        Task.WaitAll(tasks);
        return _done == variants.Count;
    }

    private string Eta(int queued)
    {
        if (_durations.Count == 0 || queued + _running == 0) return "";
        var seconds = _durations.Average() * Math.Ceiling((queued + _running) / (double)workers);
        return $", about {TimeSpan.FromSeconds(Math.Round(seconds)):g} left";
    }

    private static string Format(double? v) => v?.ToString("0.00e+00", CultureInfo.InvariantCulture) ?? "—";

    /// <summary>One <c>pinn run</c> of a variant (continued with <c>--resume</c>), its output into logs/&lt;id&gt;.log.</summary>
    private int RunOne(SweepVariant variant, bool resume)
    {
        var run = folder.Run(variant.Id);
        // setsid: the run gets a session of its own (same process, no fork), out of the terminal's reach.
        var start = new ProcessStartInfo("setsid")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Environment.ProcessPath ?? "dotnet");
        start.ArgumentList.Add(typeof(SweepRunner).Assembly.Location);
        start.ArgumentList.Add("run");
        start.ArgumentList.Add(folder.Manifest(variant.Id));
        if (resume)
        {
            start.ArgumentList.Add("--resume");
            start.ArgumentList.Add(run);
        }
        else
        {
            start.ArgumentList.Add("--out");
            start.ArgumentList.Add(run);
            if (Directory.Exists(run) && Directory.EnumerateFileSystemEntries(run).Any()) start.ArgumentList.Add("--overwrite");
        }
        using var log = new StreamWriter(folder.Log(variant.Id), append: true) { AutoFlush = true };
        log.WriteLine($"# {DateTime.Now:O} pinn {string.Join(' ', start.ArgumentList.Skip(2))}");
        Process process;
        lock (_processes)
        {
            if (_cancelled) return ExitCodes.Interrupted;
            process = Process.Start(start)!;
            _processes.Add(process);
        }
        using var _ = process;
        process.StandardInput.Close();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.WaitForExit();
        lock (_processes) _processes.Remove(process);
        return process.ExitCode;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
