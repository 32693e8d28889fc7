namespace Pinn.Host.Commands;

/// <summary>Exit codes of <c>pinn</c>.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>The run failed after it started.</summary>
    public const int Failed = 1;
    /// <summary>The manifest (or another input) is wrong; nothing ran.</summary>
    public const int InvalidInput = 2;
    /// <summary>Stopped by Ctrl+C after writing its summary and checkpoint (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;
}
