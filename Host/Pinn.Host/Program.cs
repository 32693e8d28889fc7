using System.CommandLine;
using Pinn.Host.Commands;
using Pinn.Host.Commands.Bench;

namespace Pinn.Host;

/// <summary>The <c>pinn</c> command.</summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        Memory.NativeHeap.KeepFreedMemory();
        var root = new RootCommand("Pinn.Plugins: train physics-informed neural networks from a JSON manifest with plugin optimizers, engines, samplers and problems.")
        {
            RunCommand.Create(),
            ValidateCommand.Create(),
            PluginsCommand.Create(),
            SchemaCommand.Create(),
            SweepCommand.Create(),
            BenchCommand.Create(),
            PredictCommand.Create(),
            ExportCommand.Create(),
            PlotCommand.Create(),
            ServeCommand.Create(),
        };
        try
        {
            // Our own last-resort handler below: a message and a report file, never a stack trace on the console.
            var parsed = root.Parse(args);
            var code = parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null });
            // A command line it cannot parse (no command, an unknown one, a missing argument) is a mistake in the
            // input like any other: System.CommandLine prints it with the usage, and the exit code says so.
            return parsed.Errors.Count > 0 ? ExitCodes.InvalidInput : code;
        }
        catch (Training.TrainingFailedException e)
        {
            Console.Error.WriteLine($"pinn: {e.Message}"); // a benchmark's training run failed: its summary says why
            return ExitCodes.RunFailed;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"pinn: {e.Message}"); // a file named on the command line cannot be read or written
            return ExitCodes.InvalidInput;
        }
        catch (Exception e)
        {
            return InternalError.Report(e, args);
        }
    }
}
