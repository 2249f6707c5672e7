package sluice.server;

public final class Main
{
    private Main()
    {
    }

    public static void main(final String[] args)
    {
        System.out.println("sluice");
    }
}
