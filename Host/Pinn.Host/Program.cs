using System.CommandLine;
using Pinn.Host.Commands;

namespace Pinn.Host;

/// <summary>The <c>pinn</c> command.</summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("Pinn.Plugins: train physics-informed neural networks from a JSON manifest with plugin optimizers, engines, samplers and problems.")
        {
            RunCommand.Create(),
            ValidateCommand.Create(),
            PluginsCommand.Create(),
            BenchCommand.Create(),
        };
        try
        {
            // Our own last-resort handler below: a message and a report file, never a stack trace on the console.
            return root.Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null });
        }
        catch (Exception e)
        {
            return InternalError.Report(e, args);
        }
    }
}
