namespace Pinn.Host.Commands;

/// <summary>Exit codes of <c>pinn</c>.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>A command other than <c>run</c> failed after it started (a benchmark with a failed run).</summary>
    public const int Failed = 1;
    /// <summary>The manifest (or another input) is wrong; nothing ran.</summary>
    public const int InvalidInput = 2;
    /// <summary>A training run failed after it started (a plugin threw, memory ran out, a file could not be
    /// written); its summary says why and the last good checkpoint is kept.</summary>
    public const int RunFailed = 3;
    /// <summary>A fault of the host itself: the message names the file with the details to report.</summary>
    public const int InternalError = 70;
    /// <summary>Plugin code threw inside a call from libtorch (a custom autograd backward): the process cannot continue
    /// and ends at once (128 + SIGABRT); metrics.csv and the last periodic checkpoint are on disk.</summary>
    public const int AutogradFault = Training.AutogradFaultReport.ExitCode;
    /// <summary>Stopped by Ctrl+C after writing its summary and checkpoint (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;
    /// <summary>Stopped by SIGTERM (kill, timeout, docker stop, Slurm) after writing its summary and checkpoint (128 + 15).</summary>
    public const int Terminated = 143;
}
