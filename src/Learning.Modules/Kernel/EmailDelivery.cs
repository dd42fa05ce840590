namespace Learning.Kernel;

/// <summary>
/// Whether e-mail leaves the platform: the module that sends it (Notifications) says so, from its own settings. Others ask
/// before offering anything that only works by e-mail (a recovery link); without that module nothing is sent.
/// </summary>
public interface IEmailDelivery
{
    bool Configured { get; }
}
