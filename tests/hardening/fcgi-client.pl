#!/usr/bin/perl
# fcgi-client.pl - one FastCGI request, written by hand so a test can stop
# in the middle of it (nginx would buffer the body and never let a request
# be "in flight" inside a worker for long).
#
#   fcgi-client.pl ADDR BODYFILE PAUSE [NAME=VALUE...]
#
# ADDR is a unix socket path or HOST:PORT.  Sends BEGIN_REQUEST, the params,
# the first half of the body; writes "half-sent" to stderr; sleeps PAUSE
# seconds; sends the rest; prints the response's STDOUT stream.  Exits 0
# when the worker ended the request (END_REQUEST), 1 otherwise.
use strict;
use warnings;
use IO::Socket::UNIX;
use IO::Socket::INET;

my ($addr, $bodyfile, $pause, @params) = @ARGV;
die "usage: fcgi-client.pl ADDR BODYFILE PAUSE [NAME=VALUE...]\n" unless defined $pause;
$| = 1;
my $s = $addr =~ m{^/}
    ? IO::Socket::UNIX->new(Type => SOCK_STREAM(), Peer => $addr)
    : IO::Socket::INET->new(PeerAddr => $addr, Proto => 'tcp');
die "connect $addr: $!\n" unless $s;
$s->autoflush(1);

sub rec {
	my ($type, $content) = @_;
	my $len = length $content;
	my $pad = (8 - $len % 8) % 8;
	return pack('CCnnCC', 1, $type, 1, $len, $pad, 0) . $content . ("\0" x $pad);
}
sub len { my $n = length $_[0]; $n < 128 ? pack('C', $n) : pack('N', $n | 0x80000000) }

open(my $fh, '<:raw', $bodyfile) or die "$bodyfile: $!\n";
my $body = do { local $/; <$fh> };
close $fh;
my $p = '';
for (@params) { my ($n, $v) = split /=/, $_, 2; $p .= len($n) . len($v) . $n . $v; }
my $half = int(length($body) / 2);

print $s rec(1, pack('nCx5', 1, 0));		# BEGIN_REQUEST, responder
print $s rec(4, $p) . rec(4, '');		# PARAMS, end of PARAMS
print $s rec(5, substr($body, 0, $half)) if $half > 0;
print STDERR "half-sent\n";
select(undef, undef, undef, $pause);
print $s rec(5, substr($body, $half)) if length($body) > $half;
print $s rec(5, '');				# end of STDIN

my ($out, $ended, $buf) = ('', 0, '');
while (1) {
	my $hdr = '';
	last unless read($s, $hdr, 8) == 8;
	my ($v, $type, $id, $len, $pad) = unpack('CCnnC', $hdr);
	my $content = '';
	read($s, $content, $len + $pad) if $len + $pad > 0;
	$content = substr($content, 0, $len);
	if ($type == 6) { $out .= $content; }
	elsif ($type == 3) { $ended = 1; last; }
}
print $out;
exit($ended ? 0 : 1);
