namespace Pinn.Host.Plugins;

/// <summary>
/// How an exception from plugin or torch code is shown to a user: its type and message, without the native frame
/// dump (<c>Exception raised from … frame #0: …</c>) that libtorch appends to its errors.
/// </summary>
internal static class PluginError
{
    /// <summary>"InvalidOperationException: the message".</summary>
    public static string Describe(Exception e) => $"{e.GetType().Name}: {Message(e)}";

    /// <summary>The message up to libtorch's frame dump.</summary>
    public static string Message(Exception e)
    {
        var message = e.Message;
        var dump = message.IndexOf("\nException raised from ", StringComparison.Ordinal);
        return (dump >= 0 ? message[..dump] : message).Trim();
    }
}
