using System.CommandLine;
using System.Globalization;
using Pinn.Host.Training;

namespace Pinn.Host.Commands;

/// <summary><c>pinn run M [--out DIR] [--resume DIR|FILE]</c>: trains (or continues a checkpoint), shows progress,
/// prints the final relative L2 error.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var manifest = new Argument<string>("manifest") { Description = "The manifest file (JSON)" };
        var output = new Option<string?>("--out") { Description = "Output folder (default runs/<name>/<timestamp>/, or the checkpoint's folder with --resume)" };
        var resume = new Option<string?>("--resume")
        {
            Description = "Continue from a checkpoint: a run folder (its checkpoint.bin) or a checkpoint file. The manifest must match the "
                          + "checkpoint's (budgets may grow); metrics.csv is appended to and steps count on",
        };
        var command = new Command("run", "Train from a manifest") { manifest, output, resume };
        command.SetAction(result =>
        {
            var file = result.GetValue(manifest)!;
            if (!ValidateCommand.TryPlan(file, out var plan)) return ExitCodes.InvalidInput;
            ResumePoint? from = null;
            if (result.GetValue(resume) is { } checkpoint)
            {
                try
                {
                    from = ResumePoint.Load(checkpoint);
                }
                catch (Exception e) when (e is IOException or InvalidDataException or FormatException)
                {
                    Console.Error.WriteLine($"cannot resume: {e.Message}");
                    return ExitCodes.InvalidInput;
                }
            }
            using var resumePoint = from;
            // Checked here too so that a mismatch is reported before anything starts (the parameter count is not compared).
            if (from is not null && ResumeCompatibility.Differences(from.Manifest, ResolvedManifest.Of(plan!, parameterCount: 0), plan!) is { Count: > 0 } differences)
            {
                Console.Error.WriteLine(new ResumeMismatchException(from.File, differences).Message);
                return ExitCodes.InvalidInput;
            }
            var directory = result.GetValue(output)
                            ?? (from is not null ? Path.GetDirectoryName(Path.GetFullPath(from.File))! : null)
                            ?? Path.Combine("runs", plan!.Manifest.Name, DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
            if (plan!.DeviceNote.Length > 0) Console.Out.WriteLine(plan.DeviceNote);
            if (from is not null)
                Console.Out.WriteLine($"resuming {from.File} at step {from.Progress.Step} (stage {from.Progress.Stage + 1}/{plan.Stages.Count}, "
                                      + $"{from.Progress.StageSteps} steps and {from.Progress.StageSeconds:F1} s into it)");

            using var cancel = new CancellationTokenSource();
            ConsoleCancelEventHandler onCancel = (_, e) =>
            {
                e.Cancel = true; // stop after the current step, then write the summary and checkpoint
                cancel.Cancel();
            };
            Console.CancelKeyPress += onCancel;
            try
            {
                var summary = ProgressDisplay.Run(interactive: true, Console.Out,
                                                  progress => new TrainingRun(plan, directory, from).Execute(cancel.Token, progress));
                Console.Out.WriteLine($"{summary.Name}: {summary.Steps} steps in {summary.Seconds:F1} s ({summary.StoppedBecause}), "
                                      + $"{summary.MillisecondsPerStep:F2} ms/step, D = {summary.ParameterCount}");
                Console.Out.WriteLine($"final loss {summary.Loss:E3}");
                Console.Out.WriteLine(summary.RelL2 is { } e ? $"final relative L2 error {e:E3}" : "no solution to measure the error against");
                if (summary.Problem is { Count: > 0 } report)
                    Console.Out.WriteLine("problem: " + string.Join(", ", report.Select(kv => $"{kv.Key} {kv.Value.ToString("G6", CultureInfo.InvariantCulture)}")));
                Console.Out.WriteLine($"output: {summary.OutputDirectory}");
                return summary.StoppedBecause == "interrupted" ? ExitCodes.Interrupted : ExitCodes.Ok;
            }
            catch (Exception e) when (e is ResumeMismatchException or InvalidDataException)
            {
                Console.Error.WriteLine(e.Message);
                return ExitCodes.InvalidInput;
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
        });
        return command;
    }
}
