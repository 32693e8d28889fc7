namespace Pinn.Tests.Support;

/// <summary>Runs a <c>pinn</c> command in this process (<c>Program.Main</c>) and captures what it writes to stderr.</summary>
internal static class HostCommand
{
    /// <summary>The exit code and stderr of <c>pinn <paramref name="args"/></c>.</summary>
    public static (int Code, string Error) Run(params string[] args)
    {
        var error = new StringWriter();
        var original = Console.Error;
        Console.SetError(error);
        try
        {
            return (Host.Program.Main(args), error.ToString());
        }
        finally
        {
            Console.SetError(original);
        }
    }
}
