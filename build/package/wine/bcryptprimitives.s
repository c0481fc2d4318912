# A stand-in for Windows' bcryptprimitives.dll, for the Windows test only:
# Go programs (1.22 and later) load it at start for ProcessPrng, Windows 10
# and 11 have it, and Debian 12's Wine (8.0) does not. ProcessPrng fills a
# buffer with random bytes; this one asks RtlGenRandom (advapi32's
# SystemFunction036), which Wine has. Built by build/windows-test.sh with
# binutils-mingw-w64-x86-64 into the test's Wine prefix; never shipped.
	.text
	.globl	ProcessPrng
# BOOL ProcessPrng(PBYTE data (rcx), SIZE_T size (rdx)): RtlGenRandom takes a
# 32-bit size, and Go asks for small buffers.
ProcessPrng:
	subq	$40, %rsp
	call	*__imp_SystemFunction036(%rip)
	movzbl	%al, %eax
	addq	$40, %rsp
	ret
	.globl	DllMain
# BOOL DllMain(...): nothing to set up.
DllMain:
	movl	$1, %eax
	ret
