using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using Pinn.Host.Benchmarks;
using Pinn.Host.Manifests;
using Pinn.Host.Training;

namespace Pinn.Host.Commands;

/// <summary><c>pinn run M [--out DIR] [--resume DIR|FILE] [--overwrite] [--compare M2]</c>: trains (or continues a
/// checkpoint), shows progress, prints the final relative L2 error; with <c>--compare</c>, then trains M2 for the same
/// seconds and prints both errors on one line. Ctrl+C and SIGTERM stop after the current step.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var manifest = new Argument<string>("manifest") { Description = "The manifest file (JSON)" };
        var output = new Option<string?>("--out") { Description = "Output folder (default runs/<name>/<timestamp>/, or the checkpoint's folder with --resume); it must be new or empty" };
        var resume = new Option<string?>("--resume")
        {
            Description = "Continue from a checkpoint: a run folder (its checkpoint.bin) or a checkpoint file. The manifest must match the "
                          + "checkpoint's (budgets may grow); metrics.csv is continued and steps count on",
        };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace the run held by a non-empty --out folder" };
        var compare = new Option<string?>("--compare")
        {
            Description = "Afterwards, train this manifest for the same number of seconds (into runs/<its name>/<timestamp>/) and print "
                          + "both errors on one line, e.g. --compare manifests/poisson2d-adam.json",
        };
        var command = new Command("run", "Train from a manifest") { manifest, output, resume, overwrite, compare };
        command.SetAction(result => Run(result.GetValue(manifest)!, result.GetValue(output), result.GetValue(resume), result.GetValue(overwrite),
                                        result.GetValue(compare)));
        return command;
    }

    private static int Run(string file, string? output, string? checkpoint, bool overwrite, string? compareFile)
    {
        if (compareFile is not null && checkpoint is not null)
        {
            Console.Error.WriteLine("pinn run: --compare and --resume exclude each other (a comparison needs the whole run's seconds)");
            return ExitCodes.InvalidInput;
        }
        ResumePoint? from = null;
        if (checkpoint is not null)
        {
            try
            {
                from = ResumePoint.Load(checkpoint);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or FormatException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"cannot resume: {e.Message}");
                return ExitCodes.InvalidInput;
            }
        }
        using var resumePoint = from;
        var valid = ValidateCommand.TryPlan(file, out var plan, from is null ? null : PluginPins.From(from.Manifest));
        RunPlan? comparePlan = null;
        if (compareFile is not null && !ValidateCommand.TryPlan(compareFile, out comparePlan)) valid = false;
        if (!valid) return ExitCodes.InvalidInput;
        // Checked here too so that a mismatch is reported before anything starts (the parameter count is not compared).
        if (from is not null && ResumeCompatibility.Differences(from.Manifest, ResolvedManifest.Of(plan!, parameterCount: 0), plan!) is { Count: > 0 } differences)
        {
            Console.Error.WriteLine(new ResumeMismatchException(from.File, differences).Message);
            return ExitCodes.InvalidInput;
        }
        var checkpointFolder = from is null ? null : Path.GetDirectoryName(Path.GetFullPath(from.File))!;
        RunFolder folder;
        try
        {
            var directory = output ?? checkpointFolder;
            folder = directory is null
                ? RunFolder.ClaimFresh(Path.Combine("runs", plan!.Manifest.Name), DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture))
                : RunFolder.Claim(directory, continuing: checkpointFolder is not null && Path.GetFullPath(directory) == checkpointFolder, overwrite);
        }
        catch (RunFolderException e)
        {
            Console.Error.WriteLine($"pinn run: {e.Message}");
            return ExitCodes.InvalidInput;
        }
        using var owned = folder;
        if (plan!.DeviceNote.Length > 0) Console.Out.WriteLine(plan.DeviceNote);
        if (from is not null)
            Console.Out.WriteLine($"resuming {from.File} at step {from.Progress.Step} (stage {from.Progress.Stage + 1}/{plan.Stages.Count}, "
                                  + $"{from.Progress.StageSteps} steps and {from.Progress.StageSeconds:F1} s into it)");

        var code = Train(plan, folder.Path, from, out var summary);
        return code != ExitCodes.Ok || comparePlan is null ? code : Compare(plan, summary!, comparePlan);
    }

    /// <summary>Trains <paramref name="comparison"/> for the seconds <paramref name="first"/> took and prints one line
    /// with both errors.</summary>
    private static int Compare(RunPlan firstPlan, RunSummary first, RunPlan comparison)
    {
        var seconds = Math.Max(first.Seconds, 0.1);
        var plan = RunPlanOverrides.WithTotalSeconds(comparison, seconds);
        Console.Out.WriteLine($"--compare: training {plan.ManifestFile} for the same {seconds:F1} s");
        RunFolder folder;
        try
        {
            folder = RunFolder.ClaimFresh(Path.Combine("runs", plan.Manifest.Name), DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        }
        catch (RunFolderException e)
        {
            Console.Error.WriteLine($"pinn run: --compare: {e.Message}");
            return ExitCodes.InvalidInput;
        }
        using var owned = folder;
        var code = Train(plan, folder.Path, null, out var other);
        if (code != ExitCodes.Ok) return code;
        Console.Out.WriteLine(ComparisonLine(Label(firstPlan), first, Label(plan), other!));
        return ExitCodes.Ok;
    }

    private static string Label(RunPlan plan) => $"{plan.Manifest.Name} ({string.Join("→", plan.Stages.Select(s => s.Optimizer.Descriptor.Name))})";

    /// <summary>One line with both errors, e.g. <c>relative L2 in the same 3.1 s: poisson2d (engd) 2.7e-10, poisson2d-adam
    /// (adam) 4.1e-02, 1.5e+08 times higher</c>.</summary>
    internal static string ComparisonLine(string firstLabel, RunSummary first, string otherLabel, RunSummary other)
    {
        static string Error(RunSummary s) => s.RelL2 is { } e ? e.ToString("0.0e+00", CultureInfo.InvariantCulture) : "not measured";
        var ratio = first.RelL2 is { } a && other.RelL2 is { } b && a > 0 && b > 0
            ? b >= a ? $", {(b / a).ToString("0.0e+00", CultureInfo.InvariantCulture)} times higher" : $", {(a / b).ToString("0.0e+00", CultureInfo.InvariantCulture)} times lower"
            : "";
        return $"relative L2 in the same {first.Seconds.ToString("F1", CultureInfo.InvariantCulture)} s: {firstLabel} {Error(first)}, {otherLabel} {Error(other)}{ratio}";
    }

    /// <summary>Where the final error was measured and its parts, e.g. <c>at the 1111 nodes of burgers1d.dat: u 1.2e-03,
    /// max error 3.4e-02; against the problem's own solution there 1.1e-03</c> (null when nothing was measured).</summary>
    internal static string? ErrorDetails(RunSummary summary)
    {
        if (summary.Fields is not { } fields || summary.MaxError is not { } largest) return null;
        static string E(double x) => x.ToString("0.0##e+00", CultureInfo.InvariantCulture);
        var where = summary.Reference is { } r
            ? $"at the {r.Points} nodes of {r.Source}" + (r.DroppedRows > 0 ? $" ({r.DroppedRows} rows with NaN left out)" : "")
            : "at random points of the evaluation domain";
        var text = $"{where}: " + string.Join(", ", fields.Select(kv => $"{kv.Key} {E(kv.Value)}")) + $", max error {E(largest)}";
        if (summary.Reference?.SolutionRelL2 is { } other) text += $"; against the problem's own solution there {E(other)}";
        return text;
    }

    /// <summary>Trains <paramref name="plan"/> into <paramref name="folder"/> with progress, signal handling and the
    /// final report; the exit code, and the summary when the run ended without failing.</summary>
    /// <summary>The run's pictures into RUN/plots/; a failure to draw them is a warning, never a failed run.</summary>
    private static void DrawPictures(string folder)
    {
        try
        {
            using var model = Inference.TrainedModel.Open(folder, Console.Error.WriteLine);
            var files = Plots.RunPlots.Save(model);
            Console.Out.WriteLine($"pictures: {Path.Combine(folder, Plots.RunPlots.FolderName)} ({files.Count} files)");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Console.Error.WriteLine($"pinn run: warning: the pictures could not be drawn ({e.GetType().Name}: {e.Message}); `pinn plot {folder}` tries again");
        }
    }

    private static int Train(RunPlan plan, string folder, ResumePoint? from, out RunSummary? summary)
    {
        summary = null;
        var run = new TrainingRun(plan, folder, from);
        using var cancel = new CancellationTokenSource();
        var signal = 0;
        void Stop(PosixSignalContext context, int code, string name)
        {
            // The first signal stops after the current step, then the summary and checkpoint are written; a second one
            // ends the process at once, as the user asked twice.
            if (Interlocked.CompareExchange(ref signal, code, 0) != 0) return;
            context.Cancel = true;
            run.InterruptedBecause = name == "SIGINT" ? "interrupted" : $"interrupted ({name})";
            Console.Error.WriteLine($"pinn run: {name}: stopping after the current step and saving (send it again to quit at once)");
            cancel.Cancel();
        }
        using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => Stop(c, ExitCodes.Interrupted, "SIGINT"));
        using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => Stop(c, ExitCodes.Terminated, "SIGTERM"));
        using var onNativeFault = AutogradFaultReport.Install(plan, run, folder);
        try
        {
            summary = ProgressDisplay.Run(interactive: true, Console.Out, progress => run.Execute(cancel.Token, progress));
            Console.Out.WriteLine($"{summary.Name}: {summary.Steps} steps in {summary.Seconds:F1} s ({summary.StoppedBecause}), "
                                  + $"{summary.MillisecondsPerStep:F2} ms/step, D = {summary.ParameterCount}");
            Console.Out.WriteLine($"final loss {summary.Loss:E3}");
            Console.Out.WriteLine(summary.RelL2 is { } e ? $"final relative L2 error {e:E3}" : "no solution to measure the error against");
            if (ErrorDetails(summary) is { } details) Console.Out.WriteLine(details);
            if (summary.Problem is { Count: > 0 } report)
                Console.Out.WriteLine("problem: " + string.Join(", ", report.Select(kv => $"{kv.Key} {kv.Value.ToString("G6", CultureInfo.InvariantCulture)}")));
            Console.Out.WriteLine($"output: {summary.OutputDirectory}");
            DrawPictures(summary.OutputDirectory);
            return signal != 0 && summary.StoppedBecause == run.InterruptedBecause ? signal : ExitCodes.Ok;
        }
        catch (TrainingFailedException e)
        {
            Console.Error.WriteLine($"pinn run: {e.Message}");
            Console.Error.WriteLine($"output: {e.Summary.OutputDirectory} (summary.json says why the run stopped)");
            return ExitCodes.RunFailed;
        }
        catch (Exception e) when (e is ResumeMismatchException or InvalidDataException)
        {
            Console.Error.WriteLine(e.Message);
            return ExitCodes.InvalidInput;
        }
    }
}
