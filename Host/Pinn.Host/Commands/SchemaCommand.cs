using System.CommandLine;
using Pinn.Host.Manifests;
using Pinn.Host.Plugins;
using Pinn.Host.Training;

namespace Pinn.Host.Commands;

/// <summary><c>pinn schema [--out FILE]</c>: the JSON Schema of a manifest with every discovered plugin's options.</summary>
internal static class SchemaCommand
{
    public static Command Create()
    {
        var output = new Option<string?>("--out") { Description = "Write the schema to this file (atomically) instead of printing it" };
        var command = new Command("schema", "Write the JSON Schema of a manifest, with the options of every discovered plugin, for editors") { output };
        command.SetAction(result =>
        {
            var catalog = PluginCatalog.Load(PluginDirectories.Default(Environment.CurrentDirectory, out var warnings));
            foreach (var warning in warnings) Console.Error.WriteLine(warning);
            var text = ManifestSchema.For(catalog).ToJsonString(ReadableJson.Options()) + "\n";
            if (result.GetValue(output) is { } file)
            {
                if (OutputFileArgument.Mistake("--out", file) is { } mistake)
                {
                    Console.Error.WriteLine($"schema: {mistake}");
                    return ExitCodes.InvalidInput;
                }
                AtomicFile.WriteAllText(file, text);
                Console.Error.WriteLine($"schema: {catalog.Plugins.Count} plugins, written to {file}");
            }
            else Console.Out.Write(text);
            return ExitCodes.Ok;
        });
        return command;
    }
}
