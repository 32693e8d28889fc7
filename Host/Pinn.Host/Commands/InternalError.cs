using System.Globalization;

namespace Pinn.Host.Commands;

/// <summary>
/// The last resort for an exception no command expected: one line on stderr naming the fault and a file with
/// the details (the stack trace, the arguments, the versions) to attach to a bug report.
/// </summary>
internal static class InternalError
{
    /// <summary>Reports <paramref name="e"/> and returns <see cref="ExitCodes.InternalError"/>.</summary>
    public static int Report(Exception e, IReadOnlyList<string> args)
    {
        var inner = e is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : e;
        string? file = null;
        try
        {
            file = Path.Combine(Path.GetTempPath(), $"pinn-error-{DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}-{Environment.ProcessId}.txt");
            File.WriteAllText(file, $"pinn {string.Join(' ', args)}\nhost {typeof(InternalError).Assembly.GetName().Version}\n"
                                    + $"{Environment.OSVersion}, .NET {Environment.Version}\n\n{e}\n");
        }
        catch (Exception) when (file is not null)
        {
            file = null; // nowhere to write: the one line below still says what happened
        }
        Console.Error.WriteLine($"pinn: internal error: {Plugins.PluginError.Describe(inner)}");
        Console.Error.WriteLine(file is null ? "pinn: please report this with the command you ran" : $"pinn: details in {file} (please attach it to a bug report)");
        return ExitCodes.InternalError;
    }
}
