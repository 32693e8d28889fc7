using System.CommandLine;
using Pinn.Host.Inference;
using Pinn.Host.Serving;

namespace Pinn.Host.Commands;

/// <summary><c>pinn serve RUN [RUN…] [--port 8080] [--host 127.0.0.1] [--max-points N]</c>: trained runs behind an HTTP
/// endpoint until Ctrl+C.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var runs = new Argument<string[]>("runs") { Description = "One or more run folders; each is served under /models/<folder name>/", Arity = ArgumentArity.OneOrMore };
        var port = new Option<int>("--port") { Description = "TCP port (0: any free port)", DefaultValueFactory = _ => 8080 };
        var host = new Option<string>("--host") { Description = "Address to listen on (127.0.0.1: this machine only; 0.0.0.0: every interface)", DefaultValueFactory = _ => "127.0.0.1" };
        var maxPoints = new Option<int>("--max-points") { Description = "Most points one request may ask for", DefaultValueFactory = _ => 100_000 };
        var command = new Command("serve", "Answer predictions of trained runs over HTTP: POST /predict, GET /model, GET /health") { runs, port, host, maxPoints };
        command.SetAction(r => Serve(r.GetValue(runs)!, r.GetValue(port), r.GetValue(host)!, r.GetValue(maxPoints)));
        return command;
    }

    private static int Serve(string[] runs, int port, string host, int maxPoints)
    {
        var errors = new List<string>();
        if (port is < 0 or > 65535) errors.Add($"--port {port}: must be between 0 and 65535");
        if (maxPoints < 1) errors.Add($"--max-points {maxPoints}: must be ≥ 1");
        if (!System.Net.IPAddress.TryParse(host, out _) && host != "localhost") errors.Add($"--host {host}: not an IP address (e.g. 127.0.0.1 or 0.0.0.0)");
        var models = new Dictionary<string, TrainedModel>();
        foreach (var run in runs)
        {
            try
            {
                var model = TrainedModel.Open(run, Console.Error.WriteLine);
                var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(run)));
                var unique = name;
                for (var i = 2; models.ContainsKey(unique); i++) unique = $"{name}-{i}";
                models[unique] = model;
            }
            catch (InvalidDataException e)
            {
                errors.Add(e.Message);
            }
        }
        try
        {
            if (errors.Count > 0)
            {
                Console.Error.WriteLine($"pinn serve: {errors.Count} problem(s):\n  " + string.Join("\n  ", errors));
                return ExitCodes.InvalidInput;
            }
            return Run(models, host, port, maxPoints).GetAwaiter().GetResult();
        }
        finally
        {
            foreach (var model in models.Values) model.Dispose();
        }
    }

    private static async Task<int> Run(Dictionary<string, TrainedModel> models, string host, int port, int maxPoints)
    {
        await using var server = InferenceServer.Create(models, host, port, maxPoints);
        try
        {
            await server.StartAsync();
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException)
        {
            // In use, not an address of this machine (SocketException: "Cannot assign requested address"), a port
            // below 1024 without the right to bind it.
            Console.Error.WriteLine($"pinn serve: cannot listen on {host}:{port}: {e.Message}");
            return ExitCodes.InvalidInput;
        }
        var url = server.Urls[0];
        foreach (var name in models.Keys) Console.Out.WriteLine($"serving {name}: POST {url}/models/{name}/predict, GET {url}/models/{name}");
        if (models.Count == 1) Console.Out.WriteLine($"  and POST {url}/predict, GET {url}/model");
        Console.Out.WriteLine($"GET {url}/health; Ctrl+C stops");
        await server.RunAsync();
        Console.Out.WriteLine("pinn serve: stopped");
        return ExitCodes.Ok;
    }
}
