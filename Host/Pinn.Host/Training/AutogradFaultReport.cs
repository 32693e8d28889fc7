using System.Runtime.InteropServices;
using Pinn.Host.Manifests;
using Pinn.Host.Plugins;

namespace Pinn.Host.Training;

/// <summary>
/// The one failure no handler can recover from: an exception thrown by plugin code that libtorch called back into,
/// such as a custom autograd function's backward. The runtime would end the process with its own stack trace; instead,
/// this prints one message naming the plugin and saying what of the run is on disk (every metrics row, the last
/// periodic checkpoint), then ends the process at once with exit code 134, as the abort would have.
/// </summary>
internal static class AutogradFaultReport
{
    public const int ExitCode = 134; // 128 + SIGABRT, what the abort reports

    /// <summary>Reports unhandled exceptions of <paramref name="run"/>'s process until the returned object is disposed.</summary>
    public static IDisposable Install(RunPlan plan, TrainingRun run, string outputDirectory)
    {
        var plugins = new[] { plan.Problem, plan.Engine, plan.Sampler }.Concat(plan.Stages.Select(s => s.Optimizer)).ToArray();
        UnhandledExceptionEventHandler handler = (_, e) =>
        {
            var cause = e.ExceptionObject is Exception x ? PluginBlame.Cause(x) : null;
            var who = cause is null ? null : PluginBlame.Thrower(cause, plugins);
            Console.Error.WriteLine($"pinn run: {(who is null ? "plugin code" : who.Label)} threw inside a call from libtorch (a custom autograd "
                                    + $"function's backward): {(cause is null ? "an unknown error" : PluginError.Describe(cause))}");
            Console.Error.WriteLine("pinn run: libtorch cannot continue after that, so the process ends here. "
                                    + $"{outputDirectory}: metrics.csv has every step taken; "
                                    + (run.CheckpointStep is { } k ? $"checkpoint.bin holds step {k}." : "no checkpoint was written."));
            Console.Error.Flush();
            Exit(ExitCode);
        };
        AppDomain.CurrentDomain.UnhandledException += handler;
        return new Registration(() => AppDomain.CurrentDomain.UnhandledException -= handler);
    }

    [DllImport("libc", EntryPoint = "_exit")]
    private static extern void Exit(int code);

    private sealed class Registration(Action remove) : IDisposable
    {
        public void Dispose() => remove();
    }
}
