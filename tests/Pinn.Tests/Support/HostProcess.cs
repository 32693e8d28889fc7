using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Pinn.Tests.Support;

/// <summary>Runs the built <c>pinn</c> host as a separate process, as a user would, and signals it.</summary>
internal sealed class HostProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _out = new(), _err = new();

    /// <summary>Starts <c>pinn</c> as from a terminal: SIGINT has its default disposition whatever the test runner's is (a
    /// runner started in the background by a script ignores SIGINT, and its children would inherit that).</summary>
    /// <param name="workingDirectory">The process's working directory.</param>
    /// <param name="environment">Extra environment variables (PINN_PLUGIN_PATH, …).</param>
    /// <param name="args">The arguments after <c>pinn</c>.</param>
    public HostProcess(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
        : this(interruptIgnored: false, workingDirectory, environment, args)
    {
    }

    private HostProcess(bool interruptIgnored, string workingDirectory, IReadOnlyDictionary<string, string>? environment, string[] args)
    {
        var info = new ProcessStartInfo(interruptIgnored ? "bash" : "env")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // bash -c 'trap "" INT; exec …' ignores SIGINT as a script's background job does; env --default-signal=INT
        // restores the default. Either way the process exec'd keeps the PID signalled below.
        foreach (var a in interruptIgnored ? ["-c", "trap '' INT; exec \"$@\"", "pinn"] : new[] { "--default-signal=INT" }) info.ArgumentList.Add(a);
        info.ArgumentList.Add("dotnet");
        info.ArgumentList.Add(HostAssembly);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["OMP_WAIT_POLICY"] = "passive";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) info.Environment[key] = value;
        _process = new Process { StartInfo = info };
        _process.OutputDataReceived += (_, e) => { lock (_out) _out.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { lock (_err) _err.AppendLine(e.Data); };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Starts <c>pinn</c> as a script's background job (<c>pinn … &amp;</c>) is started: with SIGINT ignored.</summary>
    public static HostProcess InTheBackground(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
        => new(interruptIgnored: true, workingDirectory, environment, args);

    /// <summary>The host the build made (Release, as the README's commands build it).</summary>
    public static string HostAssembly => Path.Combine(RepositoryRoot.Path, "Host", "Pinn.Host", "bin", "Release", "net10.0", "Pinn.Host.dll");

    public string Output { get { lock (_out) return _out.ToString(); } }

    public string Error { get { lock (_err) return _err.ToString(); } }

    /// <summary>Runs to the end (at most <paramref name="timeout"/>) and returns the exit code.</summary>
    public static (int Code, string Output, string Error) Run(string workingDirectory, IReadOnlyDictionary<string, string>? environment, TimeSpan timeout, params string[] args)
    {
        using var host = new HostProcess(workingDirectory, environment, args);
        var code = host.WaitForExit(timeout);
        return (code, host.Output, host.Error);
    }

    /// <summary>Waits for the process to end; kills it and throws when it takes longer than <paramref name="timeout"/>.</summary>
    public int WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"pinn did not end within {timeout.TotalSeconds} s\nstdout:\n{Output}\nstderr:\n{Error}");
        }
        _process.WaitForExit(); // drains the redirected streams
        return _process.ExitCode;
    }

    /// <summary>Sends SIGTERM, as kill, timeout, docker stop and Slurm do.</summary>
    public void Terminate()
    {
        if (Kill(_process.Id, 15) != 0) throw new InvalidOperationException($"kill failed: errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>Sends SIGINT, as Ctrl+C in a terminal does.</summary>
    public void Interrupt()
    {
        if (Kill(_process.Id, 2) != 0) throw new InvalidOperationException($"kill failed: errno {Marshal.GetLastPInvokeError()}");
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
