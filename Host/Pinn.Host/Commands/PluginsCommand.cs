using System.CommandLine;
using System.Text.Json;
using Pinn.Host.Plugins;
using Spectre.Console;

namespace Pinn.Host.Commands;

/// <summary><c>pinn plugins [--json]</c>: every discovered plugin, and every folder refused with the reason.</summary>
internal static class PluginsCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print a JSON array of {kind, name, version, description, path, builtIn}" };
        var command = new Command("plugins", "List the discovered plugins: kind, name, version, description, folder") { json };
        command.SetAction(result =>
        {
            var catalog = PluginCatalog.Load(PluginDirectories.Default(Environment.CurrentDirectory, out var warnings));
            foreach (var warning in warnings) Console.Error.WriteLine(warning);
            if (result.GetValue(json))
            {
                var records = catalog.Plugins.Select(p => new
                {
                    kind = p.KindName,
                    name = p.Name,
                    version = p.Version.ToString(3),
                    description = p.Description,
                    path = p.Path,
                    builtIn = p.BuiltIn,
                });
                Console.Out.WriteLine(JsonSerializer.Serialize(records, new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
            }
            else
            {
                var table = new Table().AddColumns("kind", "name", "version", "description", "folder");
                foreach (var p in catalog.Plugins)
                    table.AddRow(Markup.Escape(p.KindName), Markup.Escape(p.Name), p.Version.ToString(3), Markup.Escape(p.Description), Markup.Escape(p.Path));
                AnsiConsole.Write(table);
                if (catalog.Roots.Count == 0) AnsiConsole.MarkupLine("[yellow]no plugin folders found[/]");
            }
            foreach (var refusal in catalog.Refusals)
                Console.Error.WriteLine($"refused {refusal.Path}: {refusal.Reason}");
            foreach (var clash in catalog.Clashes())
                Console.Error.WriteLine($"clash: {clash[0].KindName} '{clash[0].Name}' is offered by {clash.Count} folders: "
                                        + string.Join(", ", clash.Select(p => $"{p.Version.ToString(3)} in {p.Path}{(p.BuiltIn ? " (built-in)" : "")}"))
                                        + $"; manifests get {clash[0].Version.ToString(3)} from {clash[0].Path} unless they ask for a \"version\" or \"folder\"");
            return ExitCodes.Ok;
        });
        return command;
    }
}
