using System.Diagnostics;

namespace Pinn.Tests.Support;

/// <summary>
/// The independent readers some tests check our files with (VTK's Python readers, PyTorch), installed once per test run
/// from Debian's packages by build/install-test-tools.sh when missing (it needs root, as CI has).
/// </summary>
internal static class TestTools
{
    private static readonly Lazy<string?> Missing = new(() =>
    {
        var script = Path.Combine(RepositoryRoot.Path, "build", "install-test-tools.sh");
        var (code, output) = Run("/bin/bash", [script]);
        return code == 0 ? null : $"VTK's Python readers and PyTorch (Debian's python3-vtk9 and python3-torch) are missing and {script} could not install them: {output.Trim()}";
    });

    /// <summary>Why the readers cannot be used, or null when they can.</summary>
    public static string? Unavailable => Missing.Value;

    /// <summary>Runs a program to its end: its exit code and what it printed (stdout, then stderr when it failed).</summary>
    public static (int Code, string Output) Run(string program, IEnumerable<string> arguments, string? directory = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (directory is not null) start.WorkingDirectory = directory;
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, process.ExitCode == 0 ? stdout.Result : stdout.Result + stderr.Result);
    }
}
