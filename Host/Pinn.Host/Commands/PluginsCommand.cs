using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pinn.Host.Plugins;
using Spectre.Console;

namespace Pinn.Host.Commands;

/// <summary>
/// <c>pinn plugins [--json]</c>: every discovered plugin, by folder, and every folder refused with the reason;
/// <c>pinn plugins describe NAME [--kind K] [--version V] [--json]</c>: one plugin's options.
/// </summary>
internal static class PluginsCommand
{
    private static readonly JsonSerializerOptions Indented = Training.ReadableJson.Options();

    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print a JSON array of {kind, name, version, description, path, builtIn}" };
        var command = new Command("plugins", "List the discovered plugins: kind, name, version, description, folder") { json, Describe() };
        command.SetAction(result =>
        {
            var catalog = Load();
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
                Console.Out.WriteLine(JsonSerializer.Serialize(records, Indented));
            }
            else
            {
                // One table per folder, so that the descriptions keep the width a terminal has (80 columns and up).
                foreach (var folder in catalog.Plugins.GroupBy(p => p.Path))
                {
                    AnsiConsole.MarkupLine($"[bold]{Markup.Escape(folder.Key)}[/]{(folder.First().BuiltIn ? " (built-in)" : "")}");
                    var table = new Table().Border(TableBorder.Simple).AddColumns("kind", "name", "version", "description");
                    table.Columns[3].Width(200);
                    foreach (var p in folder)
                        table.AddRow(Markup.Escape(p.KindName), Markup.Escape(p.Name), p.Version.ToString(3), Markup.Escape(p.Description));
                    AnsiConsole.Write(table);
                }
                if (catalog.Roots.Count == 0) AnsiConsole.MarkupLine("[yellow]no plugin folders found[/]");
            }
            foreach (var refusal in catalog.Refusals)
                Console.Error.WriteLine($"refused {refusal.Path}: {refusal.Reason}");
            foreach (var twins in catalog.Plugins.GroupBy(p => (p.Kind, p.Name, p.Version)).Where(g => g.Count() > 1))
                Console.Error.WriteLine($"warning: {twins.First().KindName} '{twins.Key.Name}' {twins.Key.Version.ToString(3)} is in {twins.Count()} folders: "
                                        + string.Join(", ", twins.Select(p => p.Path)) + $"; manifests get the one in {twins.First().Path} unless they name a \"folder\"");
            foreach (var clash in catalog.Clashes())
                Console.Error.WriteLine($"clash: {clash[0].KindName} '{clash[0].Name}' is offered by {clash.Count} folders: "
                                        + string.Join(", ", clash.Select(p => $"{p.Version.ToString(3)} in {p.Path}{(p.BuiltIn ? " (built-in)" : "")}"))
                                        + $"; manifests get {clash[0].Version.ToString(3)} from {clash[0].Path} unless they ask for a \"version\" or \"folder\"");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Describe()
    {
        var name = new Argument<string>("name") { Description = "The plugin's manifest name, e.g. engd" };
        var kind = new Option<string?>("--kind") { Description = "problem, engine, sampler or optimizer, when the name is used by more than one kind" };
        var version = new Option<string?>("--version") { Description = "A version or range, when several versions are installed (default: the one a manifest gets)" };
        var json = new Option<bool>("--json") { Description = "Print the options as JSON: {name, type, default, allowed, minimum, maximum, documentation}" };
        var command = new Command("describe", "Show a plugin's options: type, default, allowed values or range, documentation") { name, kind, version, json };
        command.SetAction(result =>
        {
            var catalog = Load();
            var wanted = result.GetValue(name)!;
            var kindName = result.GetValue(kind);
            var matches = catalog.Plugins.Where(p => p.Name == wanted && (kindName is null || p.KindName == kindName)).ToList();
            if (result.GetValue(version) is { } text && matches.Count > 0)
            {
                var range = VersionRange.Parse(text, out var why);
                if (range is null) return Refuse($"plugins describe: --version: {why}");
                var installed = matches.Select(p => p.Version.ToString(3)).Distinct().ToArray();
                matches = matches.Where(p => range.Contains(p.Version)).ToList();
                if (matches.Count == 0)
                    return Refuse($"plugins describe: no version of '{wanted}' satisfies '{text}' (installed: {string.Join(", ", installed)})");
            }
            if (matches.Count == 0)
                return Refuse($"plugins describe: no plugin named '{wanted}'{(kindName is null ? "" : $" of kind {kindName}")} "
                              + $"(available: {string.Join(", ", catalog.Plugins.Select(p => p.Name).Distinct().Order())})");
            if (matches.Select(p => p.Kind).Distinct().Count() > 1)
                return Refuse($"plugins describe: '{wanted}' is a {string.Join(" and a ", matches.Select(p => p.KindName).Distinct())}; say which with --kind");
            // The copy a manifest gets: the built-in one first, then the newest.
            var plugin = matches.OrderByDescending(p => p.BuiltIn).ThenByDescending(p => p.Version).First();
            var options = PluginOptions.Of(plugin);
            if (result.GetValue(json))
            {
                var records = new JsonArray(options.Select(o => (JsonNode)new JsonObject
                {
                    ["name"] = o.Name, ["type"] = o.Type, ["default"] = o.Default?.DeepClone(),
                    ["allowed"] = o.Allowed is null ? null : new JsonArray(o.Allowed.Select(a => (JsonNode)a).ToArray()),
                    ["minimum"] = o.Minimum, ["maximum"] = o.Maximum, ["documentation"] = o.Documentation,
                }).ToArray());
                Console.Out.WriteLine(new JsonObject
                {
                    ["kind"] = plugin.KindName, ["name"] = plugin.Name, ["version"] = plugin.Version.ToString(3),
                    ["description"] = plugin.Description, ["path"] = plugin.Path, ["options"] = records,
                }.ToJsonString(Indented));
                return ExitCodes.Ok;
            }
            AnsiConsole.MarkupLine($"[bold]{Markup.Escape(plugin.KindName)} {Markup.Escape(plugin.Name)} {plugin.Version.ToString(3)}[/]: {Markup.Escape(plugin.Description)}");
            AnsiConsole.MarkupLine($"from {Markup.Escape(plugin.Path)}");
            if (options.Count == 0)
            {
                AnsiConsole.WriteLine("This plugin takes no options.");
                return ExitCodes.Ok;
            }
            foreach (var o in options)
            {
                var allowed = o.Allowed is { } values ? string.Join(", ", values)
                    : o.Minimum is not null || o.Maximum is not null ? $"{o.Minimum?.ToString("R", System.Globalization.CultureInfo.InvariantCulture) ?? "−∞"} … {o.Maximum?.ToString("R", System.Globalization.CultureInfo.InvariantCulture) ?? "∞"}"
                    : null;
                AnsiConsole.WriteLine();
                AnsiConsole.MarkupLine($"  [bold]{Markup.Escape(o.Name)}[/]  {Markup.Escape(o.Type)}, default {Markup.Escape(o.Default?.ToJsonString() ?? "none")}"
                                       + (allowed is null ? "" : $", allowed: {Markup.Escape(allowed)}"));
                if (o.Documentation.Length > 0) AnsiConsole.Write(new Padder(new Text(o.Documentation)).PadLeft(4).PadTop(0).PadBottom(0));
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static PluginCatalog Load()
    {
        var catalog = PluginCatalog.Load(PluginDirectories.Default(Environment.CurrentDirectory, out var warnings));
        foreach (var warning in warnings) Console.Error.WriteLine(warning);
        return catalog;
    }

    private static int Refuse(string message)
    {
        Console.Error.WriteLine(message);
        return ExitCodes.InvalidInput;
    }
}
