using Spectre.Console;

namespace Pinn.Host.Training;

/// <summary>
/// Shows a run's progress: a live status line (Spectre.Console) when the output is a terminal, plain
/// lines at most every few seconds otherwise (logs, CI).
/// </summary>
internal static class ProgressDisplay
{
    /// <summary>Runs <paramref name="body"/>, giving it a callback that reports progress text.</summary>
    public static T Run<T>(bool interactive, TextWriter output, Func<Action<string>, T> body)
    {
        if (interactive && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive)
        {
            return AnsiConsole.Status().Spinner(Spinner.Known.Dots).Start("starting", ctx =>
                body(text => ctx.Status(Markup.Escape(text))));
        }
        var last = DateTime.MinValue;
        return body(text =>
        {
            var now = DateTime.UtcNow;
            if ((now - last).TotalSeconds < 5) return;
            last = now;
            output.WriteLine(text);
            output.Flush();
        });
    }
}
