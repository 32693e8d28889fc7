using System.CommandLine;
using System.Globalization;
using Pinn.Host.Training;

namespace Pinn.Host.Commands;

/// <summary><c>pinn run M [--out DIR]</c>: trains, shows progress, prints the final relative L2 error.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var manifest = new Argument<string>("manifest") { Description = "The manifest file (JSON)" };
        var output = new Option<string?>("--out") { Description = "Output folder (default runs/<name>/<timestamp>/)" };
        var command = new Command("run", "Train from a manifest") { manifest, output };
        command.SetAction(result =>
        {
            var file = result.GetValue(manifest)!;
            if (!ValidateCommand.TryPlan(file, out var plan)) return ExitCodes.InvalidInput;
            var directory = result.GetValue(output)
                            ?? Path.Combine("runs", plan!.Manifest.Name, DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
            if (plan!.DeviceNote.Length > 0) Console.Out.WriteLine(plan.DeviceNote);

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
                                                  progress => new TrainingRun(plan, directory).Execute(cancel.Token, progress));
                Console.Out.WriteLine($"{summary.Name}: {summary.Steps} steps in {summary.Seconds:F1} s ({summary.StoppedBecause}), "
                                      + $"{summary.MillisecondsPerStep:F2} ms/step, D = {summary.ParameterCount}");
                Console.Out.WriteLine($"final loss {summary.Loss:E3}");
                Console.Out.WriteLine(summary.RelL2 is { } e ? $"final relative L2 error {e:E3}" : "no solution to measure the error against");
                Console.Out.WriteLine($"output: {summary.OutputDirectory}");
                return summary.StoppedBecause == "interrupted" ? ExitCodes.Interrupted : ExitCodes.Ok;
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
        });
        return command;
    }
}
