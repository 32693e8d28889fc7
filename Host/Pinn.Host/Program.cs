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
        return root.Parse(args).Invoke();
    }
}
