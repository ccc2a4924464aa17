namespace Basalt.Compose.Boot.Initrd;

/// <summary>
/// The initrd cannot be put together from the image: a kernel module or a library a program needs is not there,
/// or a path to copy is missing. Exit code 2 (bad input): the image definition asks for something the image lacks.
/// </summary>
public sealed class InitrdContentException : BasaltException
{
    public InitrdContentException()
    {
    }

    public InitrdContentException(string message)
        : base(message)
    {
    }

    public InitrdContentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
